/**
 * Local artifacts a template points at (function code folders, layer folders, state-machine and
 * API definition files) and the rewrite of a deployable COPY of the template to their S3
 * locations. The person's template text is never touched: `rewriteArtifacts` returns a new
 * plain value. SAM accepts an `s3://bucket/key` URI for CodeUri, ContentUri and DefinitionUri
 * (AWS SAM resource reference: AWS::Serverless::Function CodeUri, AWS::Serverless::LayerVersion
 * ContentUri, AWS::Serverless::StateMachine / Api / HttpApi DefinitionUri).
 */

export type ArtifactPackaging = "zip-folder" | "file";

export interface LocalArtifact {
  /** Logical ID, or "Globals" for Globals.Function.CodeUri. */
  resource: string;
  /** Where the S3 URI goes, relative to the template root. */
  path: string[];
  /** Project-relative POSIX path of the folder or file ("src/GetOrders"). */
  localPath: string;
  packaging: ArtifactPackaging;
  /** True when the template did not name it: the Flowform convention `src/<LogicalId>/`. */
  conventional: boolean;
}

export interface ArtifactLocation {
  bucket: string;
  key: string;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A string that names something on disk (not an S3 URI, not an http URL). */
export function isLocalReference(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && !/^(s3|https?):\/\//i.test(value.trim());
}

/** Normalise a template path to a project-relative POSIX path ("./src/a/" → "src/a"). */
export function normaliseLocalPath(p: string): string {
  const parts: string[] = [];
  for (const part of p.trim().replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/") || ".";
}

const ARCHIVE_FILE = /\.(zip|jar)$/i;

/** Every local artifact the template needs uploaded, in template order. */
export function findLocalArtifacts(template: Record<string, unknown>): LocalArtifact[] {
  const out: LocalArtifact[] = [];
  const globalsFunction = asRecord(asRecord(template.Globals).Function);
  const globalCode = globalsFunction.CodeUri;
  if (isLocalReference(globalCode)) {
    out.push({ resource: "Globals", path: ["Globals", "Function", "CodeUri"], localPath: normaliseLocalPath(globalCode), packaging: ARCHIVE_FILE.test(globalCode) ? "file" : "zip-folder", conventional: false });
  }
  for (const [id, raw] of Object.entries(asRecord(template.Resources))) {
    const r = asRecord(raw);
    const props = asRecord(r.Properties);
    const at = (prop: string) => ["Resources", id, "Properties", prop];
    switch (r.Type) {
      case "AWS::Serverless::Function": {
        if (props.InlineCode !== undefined || props.PackageType === "Image" || globalsFunction.InlineCode !== undefined) break;
        const code = props.CodeUri;
        if (isLocalReference(code)) {
          out.push({ resource: id, path: at("CodeUri"), localPath: normaliseLocalPath(code), packaging: ARCHIVE_FILE.test(code) ? "file" : "zip-folder", conventional: false });
        } else if (code === undefined && globalCode === undefined) {
          out.push({ resource: id, path: at("CodeUri"), localPath: `src/${id}`, packaging: "zip-folder", conventional: true });
        }
        break;
      }
      case "AWS::Serverless::LayerVersion":
        if (isLocalReference(props.ContentUri)) out.push({ resource: id, path: at("ContentUri"), localPath: normaliseLocalPath(props.ContentUri), packaging: ARCHIVE_FILE.test(props.ContentUri) ? "file" : "zip-folder", conventional: false });
        break;
      case "AWS::Serverless::StateMachine":
      case "AWS::Serverless::Api":
      case "AWS::Serverless::HttpApi":
        if (isLocalReference(props.DefinitionUri)) out.push({ resource: id, path: at("DefinitionUri"), localPath: normaliseLocalPath(props.DefinitionUri), packaging: "file", conventional: false });
        break;
    }
  }
  return out;
}

/** The id a packaging result is keyed by. */
export function artifactId(a: Pick<LocalArtifact, "path">): string {
  return a.path.join(".");
}

/** A deep copy of the template with each artifact's property set to its `s3://` URI. */
export function rewriteArtifacts(template: Record<string, unknown>, locations: ReadonlyMap<string, ArtifactLocation>, artifacts: LocalArtifact[]): Record<string, unknown> {
  const copy = structuredClone(template);
  for (const a of artifacts) {
    const loc = locations.get(artifactId(a));
    if (!loc) continue;
    let node = copy as Record<string, unknown>;
    for (const key of a.path.slice(0, -1)) {
      node[key] = asRecord(node[key]) === node[key] ? node[key] : {};
      node = node[key] as Record<string, unknown>;
    }
    node[a.path[a.path.length - 1]] = `s3://${loc.bucket}/${loc.key}`;
  }
  return copy;
}

/** CloudFormation's limit for TemplateBody; larger templates must be passed by TemplateURL (CloudFormation quotas page). */
export const TEMPLATE_BODY_LIMIT = 51_200;

/** The deployable copy as text: compact JSON (intrinsics are already in long form, which JSON needs). */
export function deployableTemplateText(template: Record<string, unknown>): string {
  return JSON.stringify(template);
}

/** True when the text must go through S3 (size in UTF-8 bytes, which is what the limit counts). */
export function needsTemplateUrl(text: string): boolean {
  return new TextEncoder().encode(text).length > TEMPLATE_BODY_LIMIT;
}
