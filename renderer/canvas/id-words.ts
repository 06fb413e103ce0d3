/**
 * A logical ID cut into its words, where a node may wrap it: before each camelCase hump
 * ("SqsHandler|Function"), before the last capital of an acronym run ("API|Gateway"), after a
 * digit run followed by a capital ("S3|Bucket"), and after "-" or "_". Joined, the parts are the ID.
 */
export function idWords(id: string): string[] {
  return id.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[-_])/);
}
