/** Public face of the inspector region. */
export { Inspector } from "./Inspector";
