/** Deploy, the pure parts: review text, template rewriting, status mapping, error words, profiles. */
export * from "./artifacts";
export * from "./cost";
export * from "./errors";
export * from "./iam";
export * from "./profiles";
export * from "./progress";
export * from "./review";
export * from "./status";
