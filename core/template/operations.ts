/**
 * Named edit operations on the template text: add, remove and rename resources, set and remove
 * properties, connect / disconnect / update wires, set template sections. Each returns the new
 * text, the text edits (and their inverse, for undo) and the re-imported model — or a Refusal
 * saying why not. Undo/redo records these.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode } from "yaml";
import { cardFor, kindOf, newResourceType } from "../catalog";
import { isRefusal, planConnect, planDisconnect, planUpdate, type ConnectPlan, type TemplateChange } from "../connections";
import { findReferences } from "../connections/references-walk";
import { importTemplate } from "../model/import";
import type { EditResult, Operation, Refusal, Resource, TemplateModel, TextEdit } from "../model/types";
import { appendEdit, applyTextEdits, blankLineBetweenEntries, detectStyle, EditError, EditLog, existsAt, hasValueAt, isEmptyAt, parseForEdit, removeEdit, renameKeyEdit, setEdit, type Path } from "./edits";
import type { ParsedTemplate } from "./parse";

/**
 * The last few imports, by text: an operation imports its result, and the next operation (or the
 * undo of this one) starts from that same text. Models are treated as read-only.
 */
const recentImports: { key: string; result: ReturnType<typeof importTemplate> }[] = [];
function importCached(text: string, file?: string): ReturnType<typeof importTemplate> {
  const key = `${file ?? ""}\u0000${text}`;
  const hit = recentImports.find((e) => e.key === key);
  if (hit) return hit.result;
  const result = importTemplate(text, file);
  recentImports.unshift({ key, result });
  if (recentImports.length > 4) recentImports.pop();
  return result;
}

/**
 * The parse of a text. parseTemplate already keeps the last few parses by text (the style is read
 * from the same text the first change edits), so no second cache of 15 MB documents is kept here.
 */
function parseCached(text: string, file?: string): ParsedTemplate {
  return parseForEdit(text, file);
}

const refuse = (reason: string, fix?: string): Refusal => (fix ? { refused: true, reason, fix } : { refused: true, reason });

/** Resource-level keys; any other first key of a property path is taken to be under Properties. */
const RESOURCE_ATTRIBUTES = new Set(["Type", "Properties", "Metadata", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy", "Connectors"]);

const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

export function resourcePath(path: readonly (string | number)[]): Path {
  return path.length > 0 && RESOURCE_ATTRIBUTES.has(String(path[0])) ? [...path] : ["Properties", ...path];
}

/** Apply template changes one after another (re-parsing between them). */
export function applyChanges(text: string, changes: readonly TemplateChange[], file?: string): string {
  return applyChangesTo(new EditLog(text), changes, file);
}

function applyChangesTo(log: EditLog, changes: readonly TemplateChange[], file?: string): string {
  const style = detectStyle(parseCached(log.original, file));
  // New text uses the file's line endings (a few templates are written with CRLF).
  const crlf = log.original.includes("\r\n");
  const eol = (edit: TextEdit): TextEdit => (crlf ? { ...edit, text: edit.text.replace(/\r?\n/g, "\r\n") } : edit);
  const apply = (edit: TextEdit) => log.apply([eol(edit)]);
  for (const change of changes) {
    const parsed = parseCached(log.text, file);
    if (change.change === "set") {
      if (!change.overwrite && hasValueAt(parsed, change.path)) {
        throw new EditError(`${change.path.slice(1).join(".")} is already set; Flowform does not overwrite what is written there.`);
      }
      const edit = setEdit(parsed, change.path, change.value, style);
      apply(newResourceSpacing(parsed, change.path, edit));
    } else if (change.change === "append") {
      apply(appendEdit(parsed, change.path, change.value, style));
    } else {
      if (!existsAt(parsed, change.path)) continue;
      const wholeResource = change.path.length === 2 && change.path[0] === "Resources";
      apply(removeEdit(parsed, change.path, wholeResource));
      if (change.prune) prune(log, change.path.slice(0, -1), file);
    }
  }
  return log.text;
}

/** Remove maps and lists a removal left empty, up to a resource's Properties (never the resource). */
function prune(log: EditLog, path: Path, file?: string): void {
  let at = path;
  const limit = at[0] === "Resources" ? 2 : 0;
  while (at.length > limit) {
    const parsed = parseCached(log.text, file);
    if (!isEmptyAt(parsed, at)) break;
    log.apply([removeEdit(parsed, at)]);
    at = at.slice(0, -1);
  }
}

/** New resources get a blank line before them when the template separates its resources that way. */
function newResourceSpacing(parsed: ParsedTemplate, path: Path, edit: TextEdit): TextEdit {
  if (path.length !== 2 || path[0] !== "Resources" || existsAt(parsed, path) || parsed.format === "json") return edit;
  return blankLineBetweenEntries(parsed, ["Resources"]) ? { ...edit, text: `\n${edit.text}` } : edit;
}

function finish(log: EditLog, file: string | undefined, touched: string[], notes?: string[]): EditResult | Refusal {
  const after = log.text;
  const imported = importCached(after, file);
  if (!imported.model) {
    return refuse(`The edit would leave a template that does not parse (${imported.problems[0]?.message ?? "unknown error"}); nothing was changed.`);
  }
  const result: EditResult = { text: after, edits: log.edits(), model: imported.model, inverse: log.inverse(), touched };
  if (notes?.length) result.notes = notes;
  return result;
}

function fromPlan(text: string, plan: ConnectPlan | Refusal, file: string | undefined): EditResult | Refusal {
  if (isRefusal(plan)) return plan;
  const log = new EditLog(text);
  applyChangesTo(log, plan.changes, file);
  return finish(log, file, plan.touched);
}

// ---------------------------------------------------------------------------------------------

/** The Globals section that applies to each SAM type (SAM docs, "Globals section of the AWS SAM template"). */
const GLOBALS_SECTION: Readonly<Record<string, string>> = {
  "AWS::Serverless::Function": "Function",
  "AWS::Serverless::Api": "Api",
  "AWS::Serverless::HttpApi": "HttpApi",
  "AWS::Serverless::SimpleTable": "SimpleTable",
  "AWS::Serverless::StateMachine": "StateMachine",
  "AWS::Serverless::LayerVersion": "LayerVersion",
};

function freeId(model: TemplateModel, prefix: string): string {
  const taken = new Set(model.resources.map((r) => r.id));
  if (!taken.has(prefix)) return prefix;
  let n = 2;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function addResource(text: string, model: TemplateModel, op: Extract<Operation, { op: "addResource" }>, file?: string): EditResult | Refusal {
  // `kind` is a catalog kind id, or a CloudFormation type for the generic card.
  const isType = op.kind.includes("::");
  const type = isType ? op.kind : newResourceType(op.kind);
  if (!type) return refuse(`There is no card "${op.kind}" in the catalog.`, "Give a CloudFormation type such as AWS::SSM::Parameter for any other resource.");
  const card = cardFor(isType ? kindOf(type) : op.kind);
  const prefix = isType ? type.split("::").pop()! : card.idPrefix;
  const id = op.id ?? freeId(model, prefix);
  if (!LOGICAL_ID.test(id)) return refuse(`"${id}" is not a valid logical ID: use letters and digits only (CloudFormation rule).`);
  if (model.resources.some((r) => r.id === id)) return refuse(`There is already a resource ${id}.`, "Choose another logical ID.");
  const cardMatchesType = card.types[0] === type;
  const defaults = cardMatchesType ? card.defaults(id) : {};
  // Defaults the template's Globals already set (Globals.Function.Runtime…) are left to Globals.
  const globalsSection = GLOBALS_SECTION[type];
  const globals = globalsSection ? (model.globals?.[globalsSection] as Record<string, unknown> | undefined) : undefined;
  for (const key of Object.keys(globals ?? {})) delete defaults[key];
  const properties = { ...defaults, ...(op.properties ?? {}) };
  const value: Record<string, unknown> = { Type: type };
  if (Object.keys(properties).length) value.Properties = properties;
  const log = new EditLog(text);
  applyChangesTo(log, [{ change: "set", path: ["Resources", id], value }], file);
  return finish(log, file, [id]);
}

/** Connections a removed resource takes with it: the parts they wrote on other resources. */
function removeResource(text: string, model: TemplateModel, id: string, file?: string): EditResult | Refusal {
  const resource = model.resources.find((r) => r.id === id);
  if (!resource) return refuse(`There is no resource ${id}.`);
  if (resource.implicit) {
    const owners = model.connections.filter((c) => c.from === id && c.writes.length);
    if (!owners.length) return refuse(`${id} is created by SAM from an event of ${resource.implicit.owner}.`, `Remove that event instead.`);
    const log = new EditLog(text);
    for (let guard = 0; guard < 200; guard++) {
      const m = importTemplate(log.text, file).model;
      const c = m?.connections.find((x) => x.from === id && x.writes.length);
      if (!m || !c) break;
      const plan = planDisconnect(m, c.id);
      if (isRefusal(plan)) return plan;
      applyChangesTo(log, plan.changes, file);
    }
    return finish(log, file, []);
  }
  const log = new EditLog(text);
  const notes: string[] = [];
  // 1. Wires that wrote something on other resources (events, policies, variables, targets…),
  // all at once: list items go from the last to the first so earlier indexes stay valid.
  const seen = new Set<string>();
  const owned: Path[] = [];
  for (const c of model.connections) {
    if (c.from !== id && c.to !== id) continue;
    for (const w of c.writes) {
      if (w.resource === id) continue;
      const path = w.path.length ? ["Resources", w.resource, ...w.path] : ["Resources", w.resource];
      const key = JSON.stringify(path);
      if (!seen.has(key)) {
        seen.add(key);
        owned.push(path);
      }
    }
  }
  const parentKey = (p: Path) => JSON.stringify(p.slice(0, -1));
  const indexOf = (p: Path) => (typeof p[p.length - 1] === "number" ? Number(p[p.length - 1]) : -1);
  owned.sort((a, b) => (parentKey(a) < parentKey(b) ? -1 : parentKey(a) > parentKey(b) ? 1 : indexOf(b) - indexOf(a)));
  applyChangesTo(log, owned.map((path) => ({ change: "remove" as const, path, prune: true })), file);
  // 2. DependsOn entries and outputs naming it.
  const parsed = parseCached(log.text, file);
  const changes: TemplateChange[] = [];
  const v = parsed.value as Record<string, Record<string, Record<string, unknown>>>;
  for (const [otherId, other] of Object.entries(v.Resources ?? {})) {
    if (otherId === id || !other || typeof other !== "object") continue;
    const dependsOn = other.DependsOn;
    if (dependsOn === id) changes.push({ change: "remove", path: ["Resources", otherId, "DependsOn"] });
    else if (Array.isArray(dependsOn)) {
      dependsOn
        .map((d, i) => (d === id ? i : -1))
        .filter((i) => i >= 0)
        .reverse()
        .forEach((i) => changes.push({ change: "remove", path: ["Resources", otherId, "DependsOn", i], prune: true }));
    }
  }
  for (const [name, output] of Object.entries(v.Outputs ?? {})) {
    if (findReferences(output).some((r) => r.id === id)) {
      changes.push({ change: "remove", path: ["Outputs", name], prune: true });
      notes.push(`Output ${name} referred to ${id} and was removed with it.`);
    }
  }
  applyChangesTo(log, changes, file);
  // 3. The resource itself (with the comment lines right above it).
  applyChangesTo(log, [{ change: "remove", path: ["Resources", id] }], file);
  const left = importTemplate(log.text, file).model?.resources.filter((r) => !r.implicit && findReferences(r.properties).some((x) => x.id === id)) ?? [];
  for (const r of left) notes.push(`${r.id} still refers to ${id}; fix or remove that reference.`);
  return finish(log, file, [], notes);
}

// ---------------------------------------------------------------------------------------------
// Rename

/**
 * Every place in the document that refers to a logical ID, as text edits (and the key itself,
 * unless `referencesOnly`: used for the IDs SAM derives from a resource's ID, such as its role).
 */
export function renameEdits(parsed: ParsedTemplate, from: string, to: string, referencesOnly = false): TextEdit[] {
  const { text } = parsed;
  const edits: TextEdit[] = [];
  const replaceScalar = (node: YamlNode, replace: (source: string) => string) => {
    const [start, end] = node.range!;
    const source = text.slice(start, end);
    const next = replace(source);
    if (next !== source) edits.push({ start, end, text: next });
  };
  const exact = (node: unknown) => {
    if (isScalar(node) && node.value === from) replaceScalar(node, (s) => s.replace(from, to));
  };
  const subVarsDefined = (arg: unknown) => isSeq(arg) && isMap(arg.items[1]) && arg.items[1].items.some((p) => isScalar(p.key) && p.key.value === from);
  const subString = (node: unknown) => {
    if (!isScalar(node) || typeof node.value !== "string") return;
    const re = new RegExp(`\\$\\{${from}(?=[}.])`, "g");
    replaceScalar(node, (s) => s.replace(re, `\${${to}`));
  };
  const getAtt = (node: unknown) => {
    if (isScalar(node) && typeof node.value === "string" && node.value.startsWith(`${from}.`)) replaceScalar(node, (s) => s.replace(`${from}.`, `${to}.`));
    else if (isSeq(node)) exact(node.items[0]);
  };
  const visit = (node: unknown, parentKey: string | undefined, grandKey: string | undefined) => {
    const tag = (node as YamlNode | null)?.tag;
    if (tag === "!Ref") return exact(node);
    if (tag === "!GetAtt") return getAtt(node);
    if (tag === "!Sub") {
      if (isSeq(node)) {
        if (!subVarsDefined(node)) subString(node.items[0]);
        visit(node.items[1], undefined, undefined);
      } else subString(node);
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const value = pair.value;
        if (key === "Ref") exact(value);
        else if (key === "Fn::GetAtt") getAtt(value);
        else if (key === "Fn::Sub") {
          if (isSeq(value)) {
            if (!subVarsDefined(value)) subString(value.items[0]);
            visit(value.items[1], undefined, undefined);
          } else subString(value);
        } else if (key === "DependsOn") {
          if (isSeq(value)) value.items.forEach(exact);
          else exact(value);
        } else if (key === "Id" && (parentKey === "Source" || parentKey === "Destination" || grandKey === "Destination")) exact(value);
        else visit(value, key, parentKey);
      }
    } else if (isSeq(node)) {
      // Plain lists and other intrinsics with list arguments (!If, !Join…): look inside.
      for (const item of node.items) visit(item, parentKey, grandKey);
    }
  };
  const root = parsed.doc.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      const section = isScalar(pair.key) ? String(pair.key.value) : "";
      if (section === "Resources" && isMap(pair.value)) {
        for (const r of pair.value.items) visit(r.value, undefined, undefined);
      } else if (section === "Outputs" || section === "Globals" || section === "Metadata" || section === "Conditions") {
        visit(pair.value, section, undefined);
      }
    }
  }
  if (!referencesOnly) edits.push(renameKeyEdit(parsed, ["Resources", from], to));
  return edits;
}

function renameResource(text: string, model: TemplateModel, from: string, to: string, file?: string): EditResult | Refusal {
  const resource = model.resources.find((r) => r.id === from);
  if (!resource) return refuse(`There is no resource ${from}.`);
  if (resource.implicit) return refuse(`${from} is named by SAM (from an event of ${resource.implicit.owner}); it cannot be renamed here.`, resource.kind.endsWith("api") ? "Add an explicit API resource and point the events at it." : "Rename the event or its function instead.");
  if (from === to) return refuse("The new logical ID is the same as the old one.");
  if (!LOGICAL_ID.test(to)) return refuse(`"${to}" is not a valid logical ID: use letters and digits only (CloudFormation rule).`);
  if (model.resources.some((r) => r.id === to) || model.parameters.some((p) => p.name === to)) return refuse(`${to} is already used in this template.`, "Choose another logical ID.");
  const parsed = parseCached(text, file);
  const log = new EditLog(text);
  const edits = renameEdits(parsed, from, to);
  const notes: string[] = [];
  // SAM names a function's generated role <Function>Role; references to it follow the rename.
  const role = `${from}Role`;
  if (resource.type === "AWS::Serverless::Function" && resource.properties.Role === undefined && !model.resources.some((r) => r.id === role)) {
    const roleEdits = renameEdits(parsed, role, `${to}Role`, true);
    if (roleEdits.length) notes.push(`References to SAM's generated role ${role} now name ${to}Role.`);
    edits.push(...roleEdits);
  }
  log.apply(edits);
  const codeUri = resource.properties.CodeUri;
  if (typeof codeUri === "string" && codeUri.includes(from)) notes.push(`CodeUri still points at ${codeUri}; the code folder keeps its name.`);
  return finish(log, file, [to], notes);
}

// ---------------------------------------------------------------------------------------------

function propertyTarget(model: TemplateModel, id: string, path: readonly (string | number)[]): Path | Refusal {
  const resource: Resource | undefined = model.resources.find((r) => r.id === id);
  if (!resource) return refuse(`There is no resource ${id}.`);
  if (resource.implicit) {
    if (resource.kind === "http-api" || resource.kind === "rest-api") {
      return refuse(`${id} is the API SAM creates implicitly; it has no properties of its own in the template.`, "Add an explicit API resource and connect the functions to it.");
    }
    // The implicit rule/schedule's properties are the event's Properties.
    const inner = path[0] === "Properties" ? path.slice(1) : path;
    return ["Resources", resource.implicit.owner, ...resource.implicit.path, "Properties", ...inner];
  }
  return ["Resources", id, ...resourcePath(path)];
}

function withChanges(text: string, changes: readonly TemplateChange[], file?: string): EditLog {
  const log = new EditLog(text);
  applyChangesTo(log, changes, file);
  return log;
}

/** Apply one operation to the template text. Never throws: impossible edits come back as a Refusal. */
export function applyOperation(text: string, op: Operation, file?: string): EditResult | Refusal {
  const imported = importCached(text, file);
  const model = imported.model;
  if (!model) return refuse(`The template does not parse (${imported.problems[0]?.message ?? "unknown error"}); fix it in the text first.`);
  try {
    switch (op.op) {
      case "addResource":
        return addResource(text, model, op, file);
      case "removeResource":
        return removeResource(text, model, op.id, file);
      case "renameResource":
        return renameResource(text, model, op.from, op.to, file);
      case "setProperty": {
        const path = propertyTarget(model, op.id, op.path);
        if (isRefusal(path)) return path;
        const change: TemplateChange = op.value === undefined ? { change: "remove", path } : { change: "set", path, value: op.value, overwrite: true };
        return finish(withChanges(text, [change], file), file, [String(path[1])]);
      }
      case "removeProperty": {
        const path = propertyTarget(model, op.id, op.path);
        if (isRefusal(path)) return path;
        if (!existsAt(parseCached(text, file), path)) return refuse(`${op.id} has no ${op.path.join(".")}.`);
        return finish(withChanges(text, [{ change: "remove", path }], file), file, [String(path[1])]);
      }
      case "connect":
        return fromPlan(text, planConnect(model, op.from, op.to, op.settings ?? {}), file);
      case "disconnect":
        return fromPlan(text, planDisconnect(model, op.connectionId), file);
      case "updateConnection":
        return fromPlan(text, planUpdate(model, op.connectionId, op.settings), file);
      case "setTemplateSection": {
        if (op.path.length === 0) return refuse("Give the section to set, e.g. [\"Description\"].");
        if (op.path[0] === "Resources" && op.path.length <= 2) return refuse("Use addResource / removeResource for resources.");
        const change: TemplateChange = op.value === undefined ? { change: "remove", path: [...op.path], prune: true } : { change: "set", path: [...op.path], value: op.value, overwrite: true };
        return finish(withChanges(text, [change], file), file, []);
      }
      default:
        return refuse(`Unknown operation ${(op as { op: string }).op}.`);
    }
  } catch (err) {
    if (err instanceof EditError) return refuse(err.message);
    return refuse(`Flowform could not make this edit: ${(err as Error).message}`);
  }
}

/** Apply an edit result's inverse: the text before the operation. */
export function undoText(result: Pick<EditResult, "text" | "inverse">): string {
  return applyTextEdits(result.text, result.inverse);
}
