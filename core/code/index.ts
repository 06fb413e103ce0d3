/** Function code: starter generation, wiring-typed declarations, sample events, invoke environment. */
export * from "./types";
export { STARTER_RUNTIMES, ARCHITECTURES, runtimeFamily, languageOf, codeFolder, entryPoint, handlerFileCandidates, codeProperties } from "./runtimes";
export type { StarterRuntime, StarterOptions, RuntimeFamily } from "./runtimes";
export { functionWiring, functionRunSettings, functionEnvironment, isFunctionResource, referencedIds, envVarNameFor, refValueOf } from "./wiring";
export { generateStarter, starterSource } from "./starter";
export { generateDeclarations, handlerEventType, handlerResultType } from "./declarations";
export { sampleEvent, defaultTestEvent, TRIGGER_LABELS } from "./sample-events";
export { invokeEnvironment, placeholderValue } from "./environment";
