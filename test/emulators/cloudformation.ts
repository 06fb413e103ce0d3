/**
 * The CloudFormation half of the emulator: stacks, change sets and their state machines,
 * driven one step per poll so that tests are deterministic without timing. A test double of
 * the query-protocol subset Flowform uses — NOT AWS, and not CloudFormation's real engine.
 */
import { createHash } from "node:crypto";
import { creationOrder, evaluate, readTemplate, referencesIn, TemplateError, type EmulatedResource, type EmulatedTemplate } from "./template-facts";
import type { XmlValue } from "./xml";

export const ACCOUNT_ID = "123456789012";

/** A CloudFormation error answer: HTTP status, error code, message. */
export class CfnError extends Error {
  constructor(public status: number, public code: string, message: string, public type: "Sender" | "Receiver" = "Sender") {
    super(message);
  }
}

const validation = (message: string) => new CfnError(400, "ValidationError", message);

/**
 * CloudFormation refuses a TemplateBody over 51,200 bytes (CloudFormation User Guide, "Understand
 * CloudFormation quotas": template body size in a request); larger templates must come by URL.
 * The message has the shape of the API's constraint errors.
 */
function checkBodySize(body: string | undefined): void {
  if (body !== undefined && Buffer.byteLength(body, "utf8") > 51_200) {
    throw validation("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200");
  }
}

export interface ScriptedFailure {
  /** Logical ID of the resource that fails to create/update. */
  resource: string;
  /** The reason CloudFormation reports for it. */
  reason: string;
}

export interface StackScript {
  failure?: ScriptedFailure;
  /** When a rollback is needed, the first resource rolled back fails too (→ UPDATE_ROLLBACK_FAILED). */
  rollbackFails?: boolean;
  /** Polls each step takes: 1 is normal, more is "slow progress". */
  ticksPerStep: number;
  /** Hold the stack while this resource is in progress (a test releases it by clearing the field). */
  holdWhileInProgress?: string;
}

interface ResourceState {
  id: string;
  type: string;
  status: string;
  physicalId?: string;
}

export interface StackEventRecord {
  StackId: string;
  EventId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Timestamp: Date;
  ResourceStatus: string;
  ResourceStatusReason?: string;
}

export interface EmulatedStack {
  id: string;
  name: string;
  status: string;
  statusReason?: string;
  template?: EmulatedTemplate;
  parameters: Record<string, string>;
  resources: Map<string, ResourceState>;
  events: StackEventRecord[];
  outputs: { OutputKey: string; OutputValue: string; Description?: string }[];
  creationTime: Date;
  lastUpdatedTime?: Date;
  changeSetId?: string;
  /** Pending steps of the running operation; one runs every `ticksPerStep` polls. */
  steps: (() => void)[];
  ticks: number;
  /** Once a client polls events, only event polls advance the stack (one step per poll round). */
  eventsPolled: boolean;
  deleted: boolean;
  capabilities: string[];
}

interface ChangeSetChange {
  Action: "Add" | "Modify" | "Remove";
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Replacement?: "True" | "False" | "Conditional";
  Scope: string[];
  Details: { Target: { Attribute: string; Name?: string; RequiresRecreation: string }; Evaluation: string; ChangeSource: string }[];
}

export interface EmulatedChangeSet {
  id: string;
  name: string;
  stackId: string;
  stackName: string;
  type: "CREATE" | "UPDATE";
  status: string;
  statusReason?: string;
  executionStatus: string;
  template: EmulatedTemplate;
  parameters: Record<string, string>;
  capabilities: string[];
  changes: ChangeSetChange[];
  creationTime: Date;
  ticksLeft: number;
}

/** Properties whose change replaces the resource (a small, named subset of the real rules). */
const REPLACING_PROPERTIES = new Set([
  "TableName", "BucketName", "QueueName", "TopicName", "FunctionName", "RoleName", "StreamName",
  "KeySchema", "FifoQueue", "StateMachineName", "UserPoolName", "Name",
]);

function stableHex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

export class CloudFormationEmulator {
  stacks: EmulatedStack[] = [];
  changeSets = new Map<string, EmulatedChangeSet>();
  /** How many times each change set was executed (a dropped connection must never cause two). */
  executions = new Map<string, number>();
  script: StackScript = { ticksPerStep: 1 };
  private eventCounter = 0;
  private clock = Date.parse("2026-01-01T00:00:00Z");

  constructor(private readTemplateUrl: (url: string) => string | undefined) {}

  private now(): Date {
    this.clock += 1000;
    return new Date(this.clock);
  }

  /** A live stack by name or ID; deleted stacks are visible by ID only (as in CloudFormation). */
  findStack(nameOrId: string | undefined, includeDeleted = false): EmulatedStack | undefined {
    if (!nameOrId) return undefined;
    const live = this.stacks.find((s) => !s.deleted && (s.name === nameOrId || s.id === nameOrId));
    if (live) return live;
    return includeDeleted && nameOrId.startsWith("arn:") ? this.stacks.find((s) => s.id === nameOrId) : undefined;
  }

  private requireStack(nameOrId: string | undefined, includeDeleted = false): EmulatedStack {
    const stack = this.findStack(nameOrId, includeDeleted);
    if (!stack) throw validation(`Stack with id ${nameOrId} does not exist`);
    return stack;
  }

  private findChangeSet(name: string | undefined, stackName: string | undefined): EmulatedChangeSet {
    if (name?.startsWith("arn:")) {
      const byId = this.changeSets.get(name);
      if (byId) return byId;
    } else {
      const stack = this.findStack(stackName);
      for (const cs of this.changeSets.values()) if (cs.name === name && stack && cs.stackId === stack.id) return cs;
    }
    throw new CfnError(404, "ChangeSetNotFound", `ChangeSet [${name}] does not exist`);
  }

  private event(stack: EmulatedStack, logicalId: string, type: string, status: string, reason?: string, physicalId?: string) {
    this.eventCounter += 1;
    stack.events.push({
      StackId: stack.id,
      EventId: `${logicalId}-${status}-${String(this.eventCounter).padStart(6, "0")}`,
      StackName: stack.name,
      LogicalResourceId: logicalId,
      PhysicalResourceId: physicalId,
      ResourceType: type,
      Timestamp: this.now(),
      ResourceStatus: status,
      ResourceStatusReason: reason,
    });
  }

  private setStackStatus(stack: EmulatedStack, status: string, reason?: string) {
    stack.status = status;
    stack.statusReason = reason;
    this.event(stack, stack.name, "AWS::CloudFormation::Stack", status, reason, stack.id);
  }

  /** Advance a stack's running operation by one poll. */
  tick(stack: EmulatedStack) {
    if (!stack.steps.length) return;
    const held = this.script.holdWhileInProgress && stack.resources.get(this.script.holdWhileInProgress);
    if (held && held.status.endsWith("_IN_PROGRESS")) return;
    stack.ticks += 1;
    if (stack.ticks < this.script.ticksPerStep) return;
    stack.ticks = 0;
    stack.steps.shift()!();
  }

  private physicalIdFor(stack: EmulatedStack, r: { id: string; type: string }): string {
    if (/ApiGateway/.test(r.type)) return stableHex(`${stack.id}/${r.id}`, 10);
    return `${stack.name}-${r.id}-${stableHex(`${stack.id}/${r.id}`, 12).toUpperCase()}`;
  }

  // ---- actions -------------------------------------------------------------------------

  createChangeSet(p: Params, region: string): XmlValue {
    const stackName = p.get("StackName");
    const name = p.get("ChangeSetName");
    if (!stackName || !name) throw validation("StackName and ChangeSetName are required");
    const type = (p.get("ChangeSetType") ?? "UPDATE") as "CREATE" | "UPDATE";
    let body = p.get("TemplateBody");
    checkBodySize(body);
    const url = p.get("TemplateURL");
    if (!body && url) {
      body = this.readTemplateUrl(url);
      if (body === undefined) throw validation(`S3 error: Unable to get object at ${url}`);
    }
    let stack = this.findStack(stackName);
    if (!body && p.get("UsePreviousTemplate") === "true" && stack?.template) body = stack.template.body;
    if (!body) throw validation("Either Template URL or Template Body must be specified.");
    let template: EmulatedTemplate;
    try {
      template = readTemplate(body);
    } catch (e) {
      if (e instanceof TemplateError) throw validation(e.message);
      throw e;
    }
    const capabilities = p.list("Capabilities");
    const needed = requiredCapabilities(template);
    const missing = needed.filter((c) => !capabilities.includes(c) && !(c === "CAPABILITY_IAM" && capabilities.includes("CAPABILITY_NAMED_IAM")));
    if (missing.length) throw new CfnError(400, "InsufficientCapabilitiesException", `Requires capabilities : [${missing.join(", ")}]`);
    const parameters: Record<string, string> = {};
    for (const entry of p.structList("Parameters")) {
      if (entry.ParameterKey === undefined) continue;
      if (entry.UsePreviousValue === "true" && stack) parameters[entry.ParameterKey] = stack.parameters[entry.ParameterKey] ?? "";
      else parameters[entry.ParameterKey] = entry.ParameterValue ?? "";
    }
    const missingParams: string[] = [];
    for (const [key, def] of Object.entries(template.parameters)) {
      if (!(key in parameters)) {
        if (def.Default !== undefined) parameters[key] = String(def.Default);
        else missingParams.push(key);
      }
    }
    if (missingParams.length) throw validation(`Parameters: [${missingParams.join(", ")}] must have values`);

    if (type === "CREATE") {
      if (stack && stack.status !== "REVIEW_IN_PROGRESS") {
        throw new CfnError(400, "AlreadyExistsException", `Stack [${stackName}] already exists and cannot be created again with the changeSet [${name}].`);
      }
      if (!stack) {
        const id = `arn:aws:cloudformation:${region}:${ACCOUNT_ID}:stack/${stackName}/${stableHex(`${stackName}/${this.stacks.length}`, 8)}-0000-4000-8000-${stableHex(stackName, 12)}`;
        stack = {
          id, name: stackName, status: "REVIEW_IN_PROGRESS", parameters: {}, resources: new Map(), events: [], outputs: [],
          creationTime: this.now(), steps: [], ticks: 0, eventsPolled: false, deleted: false, capabilities: [],
        };
        this.stacks.push(stack);
        this.event(stack, stackName, "AWS::CloudFormation::Stack", "REVIEW_IN_PROGRESS", "User Initiated", id);
      }
    } else {
      if (!stack) throw validation(`Stack [${stackName}] does not exist`);
      if (!isUpdatable(stack.status)) throw validation(`Stack:${stack.id} is in ${stack.status} state and can not be updated.`);
    }
    for (const cs of this.changeSets.values()) {
      if (cs.name === name && cs.stackId === stack.id) throw new CfnError(400, "AlreadyExistsException", `ChangeSet ${name} already exists`);
    }
    const changes = type === "CREATE" ? addAll(template) : diffTemplates(stack, template, parameters);
    const id = `arn:aws:cloudformation:${region}:${ACCOUNT_ID}:changeSet/${name}/${stableHex(`${stack.id}/${name}/${this.changeSets.size}`, 8)}-0000-4000-8000-${stableHex(name, 12)}`;
    const cs: EmulatedChangeSet = {
      id, name, stackId: stack.id, stackName: stack.name, type, status: "CREATE_PENDING", executionStatus: "UNAVAILABLE",
      template, parameters, capabilities, changes, creationTime: this.now(), ticksLeft: this.script.ticksPerStep,
    };
    this.changeSets.set(id, cs);
    return { Id: id, StackId: stack.id };
  }

  describeChangeSet(p: Params): XmlValue {
    const cs = this.findChangeSet(p.get("ChangeSetName"), p.get("StackName"));
    if (cs.status === "CREATE_PENDING" || cs.status === "CREATE_IN_PROGRESS") {
      cs.ticksLeft -= 1;
      if (cs.ticksLeft > 0) cs.status = "CREATE_IN_PROGRESS";
      else if (cs.changes.length === 0) {
        cs.status = "FAILED";
        cs.statusReason = "The submitted information didn't contain changes. Submit different information to create a change set.";
      } else {
        cs.status = "CREATE_COMPLETE";
        cs.executionStatus = "AVAILABLE";
      }
    }
    return {
      ChangeSetName: cs.name,
      ChangeSetId: cs.id,
      StackId: cs.stackId,
      StackName: cs.stackName,
      Parameters: Object.entries(cs.parameters).map(([k, v]) => ({ ParameterKey: k, ParameterValue: v })),
      CreationTime: cs.creationTime,
      ExecutionStatus: cs.executionStatus,
      Status: cs.status,
      StatusReason: cs.statusReason,
      Capabilities: cs.capabilities,
      Changes: cs.status === "CREATE_COMPLETE" ? cs.changes.map((c) => ({ Type: "Resource", ResourceChange: c as unknown as XmlValue })) : [],
    };
  }

  deleteChangeSet(p: Params): XmlValue {
    const cs = this.findChangeSet(p.get("ChangeSetName"), p.get("StackName"));
    if (cs.executionStatus === "EXECUTE_IN_PROGRESS") throw new CfnError(400, "InvalidChangeSetStatus", `ChangeSet [${cs.id}] cannot be deleted while it is being executed`);
    this.changeSets.delete(cs.id);
    return {};
  }

  executeChangeSet(p: Params): XmlValue {
    const cs = this.findChangeSet(p.get("ChangeSetName"), p.get("StackName"));
    this.executions.set(cs.id, (this.executions.get(cs.id) ?? 0) + 1);
    if (cs.status !== "CREATE_COMPLETE" || cs.executionStatus !== "AVAILABLE") {
      throw new CfnError(400, "InvalidChangeSetStatus", `ChangeSet [${cs.id}] cannot be executed in its current status of [${cs.status}]`);
    }
    const stack = this.requireStack(cs.stackId);
    cs.executionStatus = "EXECUTE_IN_PROGRESS";
    // Executing a change set removes the stack's other change sets, as CloudFormation does.
    for (const other of [...this.changeSets.values()]) if (other.stackId === stack.id && other.id !== cs.id) this.changeSets.delete(other.id);
    stack.changeSetId = cs.id;
    stack.capabilities = cs.capabilities;
    const previous = stack.template;
    const previousParameters = stack.parameters;
    if (previous) this.previousTemplates.set(stack.id, { template: previous, parameters: previousParameters });
    stack.template = cs.template;
    stack.parameters = cs.parameters;
    stack.lastUpdatedTime = cs.type === "UPDATE" ? this.now() : undefined;
    if (cs.type === "CREATE") this.planCreate(stack, cs);
    else this.planUpdate(stack, cs, previous!, previousParameters);
    return {};
  }

  private finishChangeSet(cs: EmulatedChangeSet, status: string) {
    cs.executionStatus = status;
  }

  private planCreate(stack: EmulatedStack, cs: EmulatedChangeSet) {
    this.setStackStatus(stack, "CREATE_IN_PROGRESS", "User Initiated");
    const order = creationOrder(cs.template.resources);
    const steps: (() => void)[] = [];
    for (const r of order) {
      steps.push(() => {
        stack.resources.set(r.id, { id: r.id, type: r.type, status: "CREATE_IN_PROGRESS" });
        this.event(stack, r.id, r.type, "CREATE_IN_PROGRESS");
      });
      steps.push(() => {
        const state = stack.resources.get(r.id)!;
        if (this.script.failure?.resource === r.id) {
          state.status = "CREATE_FAILED";
          this.event(stack, r.id, r.type, "CREATE_FAILED", this.script.failure.reason);
          stack.steps = this.planCreateRollback(stack, cs, r.id);
          return;
        }
        state.physicalId = this.physicalIdFor(stack, r);
        state.status = "CREATE_COMPLETE";
        this.event(stack, r.id, r.type, "CREATE_COMPLETE", undefined, state.physicalId);
      });
    }
    steps.push(() => {
      this.computeOutputs(stack);
      this.setStackStatus(stack, "CREATE_COMPLETE");
      this.finishChangeSet(cs, "EXECUTE_COMPLETE");
    });
    stack.steps = steps;
  }

  private planCreateRollback(stack: EmulatedStack, cs: EmulatedChangeSet, failed: string): (() => void)[] {
    const steps: (() => void)[] = [];
    steps.push(() => this.setStackStatus(stack, "ROLLBACK_IN_PROGRESS", `The following resource(s) failed to create: [${failed}]. Rollback requested by user.`));
    for (const r of [...stack.resources.values()].reverse()) {
      steps.push(() => {
        r.status = "DELETE_IN_PROGRESS";
        this.event(stack, r.id, r.type, "DELETE_IN_PROGRESS", undefined, r.physicalId);
      });
      steps.push(() => {
        r.status = "DELETE_COMPLETE";
        this.event(stack, r.id, r.type, "DELETE_COMPLETE", undefined, r.physicalId);
        stack.resources.delete(r.id);
      });
    }
    steps.push(() => {
      stack.outputs = [];
      this.setStackStatus(stack, "ROLLBACK_COMPLETE");
      this.finishChangeSet(cs, "EXECUTE_FAILED");
    });
    return steps;
  }

  private planUpdate(stack: EmulatedStack, cs: EmulatedChangeSet, previous: EmulatedTemplate, previousParameters: Record<string, string>) {
    this.setStackStatus(stack, "UPDATE_IN_PROGRESS", "User Initiated");
    const byId = new Map(cs.template.resources.map((r) => [r.id, r]));
    const order = creationOrder(cs.template.resources).map((r) => r.id);
    const changes = [...cs.changes].sort((a, b) => order.indexOf(a.LogicalResourceId) - order.indexOf(b.LogicalResourceId));
    const touched: { id: string; action: "Add" | "Modify" }[] = [];
    const steps: (() => void)[] = [];
    for (const change of changes.filter((c) => c.Action !== "Remove")) {
      const r = byId.get(change.LogicalResourceId)!;
      const verb = change.Action === "Add" ? "CREATE" : "UPDATE";
      steps.push(() => {
        const state = stack.resources.get(r.id) ?? { id: r.id, type: r.type, status: "" };
        state.status = `${verb}_IN_PROGRESS`;
        stack.resources.set(r.id, state);
        touched.push({ id: r.id, action: change.Action as "Add" | "Modify" });
        this.event(stack, r.id, r.type, `${verb}_IN_PROGRESS`, undefined, state.physicalId);
      });
      steps.push(() => {
        const state = stack.resources.get(r.id)!;
        if (this.script.failure?.resource === r.id) {
          state.status = `${verb}_FAILED`;
          this.event(stack, r.id, r.type, `${verb}_FAILED`, this.script.failure.reason, state.physicalId);
          stack.steps = this.planUpdateRollback(stack, cs, previous, previousParameters, touched, `The following resource(s) failed to ${verb.toLowerCase()}: [${r.id}].`);
          return;
        }
        if (verb === "CREATE" || change.Replacement === "True") state.physicalId = this.physicalIdFor(stack, { id: `${r.id}-${cs.name}`, type: r.type });
        state.type = r.type;
        state.status = `${verb}_COMPLETE`;
        this.event(stack, r.id, r.type, `${verb}_COMPLETE`, undefined, state.physicalId);
      });
    }
    steps.push(() => this.setStackStatus(stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"));
    for (const change of changes.filter((c) => c.Action === "Remove")) {
      steps.push(() => {
        const state = stack.resources.get(change.LogicalResourceId)!;
        this.event(stack, state.id, state.type, "DELETE_IN_PROGRESS", undefined, state.physicalId);
        this.event(stack, state.id, state.type, "DELETE_COMPLETE", undefined, state.physicalId);
        stack.resources.delete(state.id);
      });
    }
    steps.push(() => {
      this.computeOutputs(stack);
      this.setStackStatus(stack, "UPDATE_COMPLETE");
      this.finishChangeSet(cs, "EXECUTE_COMPLETE");
    });
    stack.steps = steps;
  }

  private planUpdateRollback(
    stack: EmulatedStack, cs: EmulatedChangeSet | undefined, previous: EmulatedTemplate, previousParameters: Record<string, string>,
    touched: { id: string; action: "Add" | "Modify" }[], reason: string,
  ): (() => void)[] {
    const steps: (() => void)[] = [];
    steps.push(() => this.setStackStatus(stack, "UPDATE_ROLLBACK_IN_PROGRESS", reason));
    const modified = touched.filter((t) => t.action === "Modify").reverse();
    for (const t of modified) {
      steps.push(() => {
        const state = stack.resources.get(t.id)!;
        state.status = "UPDATE_IN_PROGRESS";
        this.event(stack, t.id, state.type, "UPDATE_IN_PROGRESS", undefined, state.physicalId);
      });
      steps.push(() => {
        const state = stack.resources.get(t.id)!;
        if (this.script.rollbackFails) {
          state.status = "UPDATE_FAILED";
          const why = `Resource handler returned message: "The role defined for the function cannot be assumed by Lambda." (emulated rollback failure)`;
          this.event(stack, t.id, state.type, "UPDATE_FAILED", why, state.physicalId);
          stack.steps = [() => {
            this.setStackStatus(stack, "UPDATE_ROLLBACK_FAILED", `The following resource(s) failed to update: [${t.id}].`);
            if (cs) this.finishChangeSet(cs, "EXECUTE_FAILED");
          }];
          return;
        }
        state.status = "UPDATE_COMPLETE";
        this.event(stack, t.id, state.type, "UPDATE_COMPLETE", undefined, state.physicalId);
      });
    }
    steps.push(() => this.setStackStatus(stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"));
    for (const t of touched.filter((x) => x.action === "Add").reverse()) {
      steps.push(() => {
        const state = stack.resources.get(t.id)!;
        this.event(stack, t.id, state.type, "DELETE_IN_PROGRESS", undefined, state.physicalId);
        this.event(stack, t.id, state.type, "DELETE_COMPLETE", undefined, state.physicalId);
        stack.resources.delete(t.id);
      });
    }
    steps.push(() => {
      stack.template = previous;
      stack.parameters = previousParameters;
      this.computeOutputs(stack);
      this.setStackStatus(stack, "UPDATE_ROLLBACK_COMPLETE");
      if (cs) this.finishChangeSet(cs, "EXECUTE_FAILED");
    });
    return steps;
  }

  private computeOutputs(stack: EmulatedStack) {
    const t = stack.template;
    if (!t) return;
    const region = stack.id.split(":")[3];
    const physicalIds: Record<string, string> = {};
    const types: Record<string, string> = {};
    for (const r of stack.resources.values()) {
      if (r.physicalId) physicalIds[r.id] = r.physicalId;
      types[r.id] = r.type;
    }
    stack.outputs = Object.entries(t.outputs).map(([key, o]) => ({
      OutputKey: key,
      OutputValue: evaluate(o?.Value, { region, accountId: ACCOUNT_ID, stackName: stack.name, stackId: stack.id, parameters: stack.parameters, physicalIds, types }),
      Description: typeof o?.Description === "string" ? o.Description : undefined,
    }));
  }

  describeStacks(p: Params): XmlValue {
    const name = p.get("StackName");
    const stacks = name ? [this.requireStack(name, true)] : this.stacks.filter((s) => !s.deleted);
    for (const s of stacks) if (!s.eventsPolled) this.tick(s);
    return {
      Stacks: stacks.map((s) => ({
        StackId: s.id,
        StackName: s.name,
        ChangeSetId: s.changeSetId,
        Description: s.template?.description,
        Parameters: Object.entries(s.parameters).map(([k, v]) => ({ ParameterKey: k, ParameterValue: v })),
        CreationTime: s.creationTime,
        LastUpdatedTime: s.lastUpdatedTime,
        StackStatus: s.status,
        StackStatusReason: s.statusReason,
        Capabilities: s.capabilities,
        Outputs: s.outputs,
      })),
    };
  }

  describeStackEvents(p: Params): XmlValue {
    const stack = this.requireStack(p.get("StackName"), true);
    if (!p.get("NextToken")) {
      stack.eventsPolled = true;
      this.tick(stack);
    }
    // Newest first, 100 per page, as CloudFormation answers.
    const all = [...stack.events].reverse();
    const start = Number(p.get("NextToken") ?? 0);
    const page = all.slice(start, start + 100);
    return { StackEvents: page as unknown as XmlValue, NextToken: start + 100 < all.length ? String(start + 100) : undefined };
  }

  deleteStack(p: Params): XmlValue {
    const stack = this.findStack(p.get("StackName"));
    if (!stack) return {}; // Deleting a stack that does not exist succeeds, as in CloudFormation.
    if (stack.status.endsWith("_IN_PROGRESS") && stack.status !== "REVIEW_IN_PROGRESS" && stack.status !== "DELETE_IN_PROGRESS") {
      throw validation(`Stack [${stack.name}] cannot be deleted while in status ${stack.status}`);
    }
    if (stack.status === "DELETE_IN_PROGRESS") return {};
    for (const cs of [...this.changeSets.values()]) if (cs.stackId === stack.id) this.changeSets.delete(cs.id);
    this.setStackStatus(stack, "DELETE_IN_PROGRESS", "User Initiated");
    const steps: (() => void)[] = [];
    for (const r of [...stack.resources.values()].reverse()) {
      steps.push(() => {
        r.status = "DELETE_IN_PROGRESS";
        this.event(stack, r.id, r.type, "DELETE_IN_PROGRESS", undefined, r.physicalId);
      });
      steps.push(() => {
        r.status = "DELETE_COMPLETE";
        this.event(stack, r.id, r.type, "DELETE_COMPLETE", undefined, r.physicalId);
        stack.resources.delete(r.id);
      });
    }
    steps.push(() => {
      stack.outputs = [];
      this.setStackStatus(stack, "DELETE_COMPLETE");
      stack.deleted = true;
    });
    stack.steps = steps;
    return {};
  }

  cancelUpdateStack(p: Params): XmlValue {
    const stack = this.requireStack(p.get("StackName"));
    if (stack.status !== "UPDATE_IN_PROGRESS") {
      throw validation(`CancelUpdateStack cannot be called from current stack status ${stack.status}`);
    }
    const cs = stack.changeSetId ? this.changeSets.get(stack.changeSetId) : undefined;
    const touched = [...stack.resources.values()]
      .filter((r) => /^(UPDATE|CREATE)_(IN_PROGRESS|COMPLETE)$/.test(r.status) && cs?.changes.some((c) => c.LogicalResourceId === r.id))
      .map((r) => ({ id: r.id, action: (r.status.startsWith("CREATE") ? "Add" : "Modify") as "Add" | "Modify" }));
    const before = this.previousTemplates.get(stack.id) ?? { template: stack.template!, parameters: stack.parameters };
    stack.steps = this.planUpdateRollback(stack, cs, before.template, before.parameters, touched, "Resource update cancelled");
    return {};
  }

  /** The template a stack had before its current update (for cancel). */
  previousTemplates = new Map<string, { template: EmulatedTemplate; parameters: Record<string, string> }>();

  validateTemplate(p: Params): XmlValue {
    let body = p.get("TemplateBody");
    checkBodySize(body);
    const url = p.get("TemplateURL");
    if (!body && url) body = this.readTemplateUrl(url);
    if (!body) throw validation("Either Template URL or Template Body must be specified.");
    let template: EmulatedTemplate;
    try {
      template = readTemplate(body);
    } catch (e) {
      if (e instanceof TemplateError) throw validation(e.message);
      throw e;
    }
    const caps = requiredCapabilities(template);
    return {
      Parameters: Object.entries(template.parameters).map(([k, d]) => ({
        ParameterKey: k,
        DefaultValue: d?.Default === undefined ? undefined : String(d.Default),
        NoEcho: d?.NoEcho === true || d?.NoEcho === "true",
        Description: typeof d?.Description === "string" ? d.Description : undefined,
      })),
      Description: template.description,
      Capabilities: caps,
      CapabilitiesReason: caps.length ? "The following resource(s) require capabilities: [AWS::IAM::Role]" : undefined,
      DeclaredTransforms: template.transforms,
    };
  }

  getTemplate(p: Params): XmlValue {
    const csName = p.get("ChangeSetName");
    if (csName) return { TemplateBody: this.findChangeSet(csName, p.get("StackName")).template.body, StagesAvailable: ["Original"] };
    const stack = this.requireStack(p.get("StackName"), true);
    return { TemplateBody: stack.template?.body ?? "", StagesAvailable: ["Original", "Processed"] };
  }
}

function isUpdatable(status: string): boolean {
  return /_COMPLETE$/.test(status) && !/^(ROLLBACK_COMPLETE|DELETE_COMPLETE|REVIEW_IN_PROGRESS)$/.test(status) && !status.includes("CLEANUP");
}

function requiredCapabilities(t: EmulatedTemplate): string[] {
  const iam = t.resources.filter((r) => r.type.startsWith("AWS::IAM::"));
  if (!iam.length) return [];
  const named = iam.some((r) => ["RoleName", "UserName", "GroupName", "ManagedPolicyName"].some((k) => r.properties[k] !== undefined));
  return [named ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM"];
}

function addAll(t: EmulatedTemplate): ChangeSetChange[] {
  return t.resources.map((r) => ({ Action: "Add", LogicalResourceId: r.id, ResourceType: r.type, Scope: [], Details: [] }));
}

function diffTemplates(stack: EmulatedStack, next: EmulatedTemplate, parameters: Record<string, string>): ChangeSetChange[] {
  const before = new Map((stack.template?.resources ?? []).map((r) => [r.id, r]));
  const changedParams = new Set(Object.keys(parameters).filter((k) => stack.parameters[k] !== parameters[k]));
  const changes: ChangeSetChange[] = [];
  for (const r of next.resources) {
    const old = before.get(r.id);
    const physical = stack.resources.get(r.id)?.physicalId;
    if (!old) {
      changes.push({ Action: "Add", LogicalResourceId: r.id, ResourceType: r.type, Scope: [], Details: [] });
      continue;
    }
    const details: ChangeSetChange["Details"] = [];
    let replacement = old.type !== r.type;
    const names = new Set([...Object.keys(old.properties), ...Object.keys(r.properties)]);
    for (const name of names) {
      if (JSON.stringify(old.properties[name]) !== JSON.stringify(r.properties[name])) {
        const recreate = REPLACING_PROPERTIES.has(name);
        replacement ||= recreate;
        details.push({ Target: { Attribute: "Properties", Name: name, RequiresRecreation: recreate ? "Always" : "Never" }, Evaluation: "Static", ChangeSource: "DirectModification" });
      } else {
        const refs = referencesIn(r.properties[name]);
        if ([...refs].some((ref) => changedParams.has(ref))) {
          details.push({ Target: { Attribute: "Properties", Name: name, RequiresRecreation: "Never" }, Evaluation: "Dynamic", ChangeSource: "ParameterReference" });
        }
      }
    }
    if (details.length || old.type !== r.type) {
      changes.push({
        Action: "Modify", LogicalResourceId: r.id, PhysicalResourceId: physical, ResourceType: r.type,
        Replacement: replacement ? "True" : "False", Scope: ["Properties"], Details: details,
      });
    }
  }
  const nextIds = new Set(next.resources.map((r) => r.id));
  for (const old of before.values()) {
    if (!nextIds.has(old.id)) {
      changes.push({ Action: "Remove", LogicalResourceId: old.id, PhysicalResourceId: stack.resources.get(old.id)?.physicalId, ResourceType: old.type, Scope: [], Details: [] });
    }
  }
  return changes;
}

/** Decoded query-protocol parameters with helpers for the `.member.N` list encoding. */
export class Params {
  constructor(private search: URLSearchParams) {}
  get(key: string): string | undefined {
    return this.search.get(key) ?? undefined;
  }
  list(prefix: string): string[] {
    const out: [number, string][] = [];
    for (const [k, v] of this.search) {
      const m = k.match(new RegExp(`^${prefix}\\.member\\.(\\d+)$`));
      if (m) out.push([Number(m[1]), v]);
    }
    return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
  structList(prefix: string): Record<string, string>[] {
    const out = new Map<number, Record<string, string>>();
    for (const [k, v] of this.search) {
      const m = k.match(new RegExp(`^${prefix}\\.member\\.(\\d+)\\.(\\w+)$`));
      if (m) {
        const entry = out.get(Number(m[1])) ?? {};
        entry[m[2]] = v;
        out.set(Number(m[1]), entry);
      }
    }
    return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
}

export type { EmulatedResource };
