/** Local test invoke (main process only). */
export { invokeFunction, findPython, type InvokeRequest, type InvokeResult, type InvokeStatus, type InvokeError } from "./service";
