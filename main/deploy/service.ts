/**
 * The deploy service (main process only): package → change set → review → execute → watch,
 * plus cancel, cancel update, delete stack and status. Used by the IPC handlers and the CLI.
 *
 * Nothing here changes the person's template: packaging rewrites a copy. Every AWS error
 * becomes a `FlowformError` with a `deploy.<kind>` code and a message that says what to do
 * (core/deploy/errors.ts). Polling backs off on throttling and lost connections and resumes;
 * it gives up after a bounded number of failed polls, so nothing hangs.
 */
import { existsSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import {
  CancelUpdateStackCommand, CreateChangeSetCommand, DeleteChangeSetCommand, DeleteStackCommand, DescribeChangeSetCommand,
  DescribeStackEventsCommand, DescribeStacksCommand, ExecuteChangeSetCommand, GetTemplateCommand,
  type Change, type Stack, type StackEvent,
} from "@aws-sdk/client-cloudformation";
import { CreateBucketCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, type BucketLocationConstraint } from "@aws-sdk/client-s3";
import {
  applyStackDescription, applyStackEvents, artifactId, costDelta, deployableTemplateText, deployPathFor, findLocalArtifacts,
  iamChanges, needsTemplateUrl, resourceChanges, rewriteArtifacts, startProgress,
  type ArtifactLocation, type ChangeSetReview, type CostDelta, type DeployErrorInfo, type DeployOperation, type DeployProgress,
  type PackagedArtifactLine,
} from "../../core/deploy";
import { parseTemplate } from "../../core/template/parse";
import type { PriceTable, UsageInput } from "../../core/cost";
import { FlowformError } from "../../preload/api";
import { createClients, objectUrl, type AwsClients, type AwsTarget, type AwsTimeouts } from "./aws";
import { sha256, zipFolder } from "./package";
import { DEFAULT_BACKOFF, errorInfo, sleep, withRetry, type Backoff } from "./retry";

/** CloudFormation's answer when a change set would change nothing (CreateChangeSet docs / observed StatusReason). */
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;
const CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"] as const;
/** Prefix of every S3 key Flowform writes in the staging bucket. */
export const STAGING_PREFIX = "flowform";

export interface DeployRequest {
  projectDir: string;
  templateText: string;
  target: AwsTarget;
  stackName: string;
  /** Needed when there is code to upload or the template is over 51,200 bytes. */
  stagingBucket?: string;
  /** Create the staging bucket when it does not exist (the person said yes). */
  createBucket?: boolean;
  parameters?: Record<string, string>;
  /** For the cost delta. */
  usage?: UsageInput;
}

export interface PreparedDeploy {
  review: ChangeSetReview;
  /** The stack's status before this deploy (undefined: no stack). */
  stackStatus?: string;
}

export interface DeployServiceOptions {
  backoff?: Backoff;
  /** Delay between polls while a stack operation runs (default 2,000 ms). */
  pollMs?: number;
  /** Give up watching after this many polls fail in a row (default 8). */
  maxFailedPolls?: number;
  /** Price table for a region (the cost delta); undefined when none. */
  prices?: (region: string) => PriceTable | undefined;
  createClients?: (target: AwsTarget) => AwsClients;
  /** Socket timeouts of the AWS clients (default: 10 s to connect, 60 s idle). */
  timeouts?: AwsTimeouts;
}

interface Pending {
  target: AwsTarget;
  stackName: string;
  changeSetId: string;
  kind: "create" | "update";
  nodeIds: string[];
  pendingIds: string[];
}

export type ProgressListener = (progress: DeployProgress) => void;

/** A `FlowformError` from any failure, with the deploy error kind in its code. */
export function deployError(error: unknown, profile?: string): FlowformError {
  if (error instanceof FlowformError) return error;
  const info = errorInfo(error, profile);
  return new FlowformError(`deploy.${info.kind}`, info.message, { detail: info.detail, retryable: info.retryable });
}

export class DeployService {
  private readonly backoff: Backoff;
  private readonly pollMs: number;
  private readonly maxFailedPolls: number;
  private readonly pending = new Map<string, Pending>();
  private readonly progressByStack = new Map<string, DeployProgress>();
  private readonly watches = new Map<string, Promise<DeployProgress>>();
  private runs = 0;

  constructor(private readonly options: DeployServiceOptions = {}) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.pollMs = options.pollMs ?? 2000;
    this.maxFailedPolls = options.maxFailedPolls ?? 8;
  }

  private clients(target: AwsTarget): AwsClients {
    return this.options.createClients ? this.options.createClients(target) : createClients(target, this.options.timeouts);
  }

  private retry<T>(call: () => Promise<T>, target: AwsTarget, idempotent = true, onRetry?: (info: DeployErrorInfo, attempt: number, delay: number) => void): Promise<T> {
    return withRetry(call, { backoff: this.backoff, idempotent, profile: target.profile, onRetry });
  }

  /** The stack as CloudFormation describes it, or undefined when there is none. */
  private async describeStack(clients: AwsClients, stackNameOrId: string): Promise<Stack | undefined> {
    try {
      const out = await this.retry(() => clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackNameOrId })), clients.target);
      return out.Stacks?.[0];
    } catch (error) {
      if (/does not exist/.test((error as Error).message ?? "")) return undefined;
      throw error;
    }
  }

  /** Current state of a stack: status, outputs, what deploying to it will do, and the last progress seen. */
  async status(target: AwsTarget, stackName: string): Promise<{ exists: boolean; stackStatus?: string; statusReason?: string; outputs: { key: string; value: string; description?: string }[]; path: ReturnType<typeof deployPathFor>; progress?: DeployProgress }> {
    const clients = this.clients(target);
    try {
      const stack = await this.describeStack(clients, stackName);
      return {
        exists: !!stack && stack.StackStatus !== "REVIEW_IN_PROGRESS",
        stackStatus: stack?.StackStatus,
        statusReason: stack?.StackStatusReason,
        outputs: (stack?.Outputs ?? []).map((o) => ({ key: o.OutputKey ?? "", value: o.OutputValue ?? "", description: o.Description })),
        path: deployPathFor(stack?.StackStatus),
        progress: this.progressByStack.get(stackName),
      };
    } catch (error) {
      throw deployError(error, target.profile);
    } finally {
      clients.destroy();
    }
  }

  /** Package, upload, create the change set, wait for it, and build the review. */
  async prepare(req: DeployRequest): Promise<PreparedDeploy> {
    const { parsed, problems } = parseTemplate(req.templateText);
    if (!parsed) throw new FlowformError("deploy.validation", `The template cannot be read: ${problems[0]?.message ?? "parse error"}`, { problems });
    const clients = this.clients(req.target);
    try {
      const stack = await this.describeStack(clients, req.stackName);
      const path = deployPathFor(stack?.StackStatus);
      if (path.kind === "blocked") throw new FlowformError("deploy.stackBlocked", path.reason, { action: path.action, stackStatus: stack?.StackStatus });
      const kind = path.kind;

      const { artifacts, packaged, locations, ensureBucket } = await this.packageCode(clients, req, parsed.value);
      const deployed = rewriteArtifacts(parsed.value, locations, artifacts);
      const body = deployableTemplateText(deployed);
      let templateUrl: string | undefined;
      if (needsTemplateUrl(body)) {
        const bucket = await ensureBucket();
        const key = `${STAGING_PREFIX}/templates/${sha256(body)}.json`;
        await this.uploadIfMissing(clients, bucket, key, Buffer.from(body, "utf8"));
        templateUrl = objectUrl(clients, bucket, key);
      }

      const declared = Object.keys((parsed.value.Parameters as Record<string, unknown>) ?? {});
      const parameters = Object.entries(req.parameters ?? {})
        .filter(([k, v]) => declared.includes(k) && v !== "")
        .map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
      const changeSetName = `flowform-${new Date().toISOString().replace(/[^0-9]/g, "").slice(0, 14)}-${Math.random().toString(36).slice(2, 6)}`;
      const created = await this.retry(() => clients.cloudformation.send(new CreateChangeSetCommand({
        StackName: req.stackName,
        ChangeSetName: changeSetName,
        ChangeSetType: kind === "create" ? "CREATE" : "UPDATE",
        ...(templateUrl ? { TemplateURL: templateUrl } : { TemplateBody: body }),
        Parameters: parameters,
        Capabilities: [...CAPABILITIES],
        Description: "Created by Flowform",
      })), req.target, false);
      const changeSetId = created.Id!;

      const { status, reason, changes } = await this.waitForChangeSet(clients, changeSetId);
      const before = kind === "update" ? await this.deployedTemplate(clients, req.stackName) : undefined;
      const base = { stackName: req.stackName, region: req.target.region, kind, changeSetId, changeSetName, artifacts: packaged, templateUrl };
      if (status === "FAILED") {
        await this.deleteChangeSetQuietly(clients, changeSetId, kind === "create" ? req.stackName : undefined);
        if (NO_CHANGES.test(reason ?? "")) {
          return { review: { ...base, changeSetId: undefined, noChanges: true, changes: [], iam: [], cost: this.cost(before, req) }, stackStatus: stack?.StackStatus };
        }
        throw new FlowformError("deploy.validation", `CloudFormation could not create the change set: ${reason ?? "no reason given"}`);
      }
      const beforeValue = before ? parseTemplate(before).parsed?.value : undefined;
      const review: ChangeSetReview = {
        ...base,
        noChanges: false,
        changes: resourceChanges(changes),
        iam: iamChanges(beforeValue, parsed.value),
        cost: this.cost(before, req),
      };
      // Canvas nodes: the template's resources, plus implicit ones SAM adds that no resource owns (ServerlessRestApi).
      const resourceIds = Object.keys((parsed.value.Resources as Record<string, unknown>) ?? {});
      const implicit = review.changes.map((c) => c.logicalId).filter((id) => !resourceIds.some((d) => id.startsWith(d)));
      const nodeIds = [...resourceIds, ...implicit];
      this.pending.set(changeSetId, { target: req.target, stackName: req.stackName, changeSetId, kind, nodeIds, pendingIds: review.changes.filter((c) => c.action !== "remove").map((c) => c.logicalId) });
      return { review, stackStatus: stack?.StackStatus };
    } catch (error) {
      throw deployError(error, req.target.profile);
    } finally {
      clients.destroy();
    }
  }

  /** Zip and upload every local artifact (skipping what the bucket already has). */
  private async packageCode(clients: AwsClients, req: DeployRequest, template: Record<string, unknown>) {
    const artifacts = findLocalArtifacts(template);
    const packaged: PackagedArtifactLine[] = [];
    const locations = new Map<string, ArtifactLocation>();
    let bucketReady = false;
    const ensureBucket = async (): Promise<string> => {
      const bucket = req.stagingBucket?.trim();
      if (!bucket) throw new FlowformError("deploy.bucketRequired", "A staging bucket is needed to upload the function code (or a template over 51,200 bytes). Set one in the deploy settings.");
      if (!bucketReady) {
        await this.ensureBucket(clients, bucket, !!req.createBucket);
        bucketReady = true;
      }
      return bucket;
    };
    for (const a of artifacts) {
      const abs = resolve(req.projectDir, a.localPath);
      if (!existsSync(abs)) {
        throw new FlowformError("deploy.codeMissing", a.conventional
          ? `Function ${a.resource} has no code: ${a.localPath}/ does not exist. Write its code (Code tab) or set CodeUri.`
          : `${a.resource} points at ${a.localPath}, which does not exist in the project folder.`);
      }
      const info = await stat(abs);
      const { bytes, hash, ext } = info.isDirectory()
        ? await zipFolder(abs).then((z) => ({ bytes: z.bytes, hash: z.sha256, ext: ".zip" }))
        : await readFile(abs).then((b) => ({ bytes: b, hash: sha256(b), ext: extname(abs) || "" }));
      const bucket = await ensureBucket();
      const key = `${STAGING_PREFIX}/${hash}${ext}`;
      const uploaded = await this.uploadIfMissing(clients, bucket, key, bytes);
      locations.set(artifactId(a), { bucket, key });
      packaged.push({ resource: a.resource, localPath: a.localPath, bucket, key, uploaded, bytes: bytes.length });
    }

    return { artifacts, packaged, locations, ensureBucket };
  }

  /** Package and upload the code only (`deploy.package`). */
  async package(req: DeployRequest): Promise<PackagedArtifactLine[]> {
    const { parsed, problems } = parseTemplate(req.templateText);
    if (!parsed) throw new FlowformError("deploy.validation", `The template cannot be read: ${problems[0]?.message ?? "parse error"}`, { problems });
    const clients = this.clients(req.target);
    try {
      return (await this.packageCode(clients, req, parsed.value)).packaged;
    } catch (error) {
      throw deployError(error, req.target.profile);
    } finally {
      clients.destroy();
    }
  }

  private cost(before: string | undefined, req: DeployRequest): CostDelta {
    if (!this.options.prices) return { available: false, reason: "no price tables were loaded" };
    const usage: UsageInput = { ...(req.usage ?? {}), region: req.target.region };
    try {
      return costDelta(before, req.templateText, usage, this.options.prices(req.target.region));
    } catch (error) {
      return { available: false, reason: `the estimate failed: ${(error as Error).message}` };
    }
  }

  private async deployedTemplate(clients: AwsClients, stackName: string): Promise<string | undefined> {
    const out = await this.retry(() => clients.cloudformation.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: "Original" })), clients.target);
    return out.TemplateBody;
  }

  private async ensureBucket(clients: AwsClients, bucket: string, create: boolean): Promise<void> {
    try {
      await this.retry(() => clients.s3.send(new HeadBucketCommand({ Bucket: bucket })), clients.target);
      return;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 403) throw new FlowformError("deploy.access-denied", `The staging bucket "${bucket}" exists but this profile cannot use it (it may belong to another account: bucket names are global). Choose another name.`);
      if (status !== 404) throw error;
    }
    if (!create) {
      throw new FlowformError("deploy.bucketMissing", `The staging bucket "${bucket}" does not exist. Create it in ${clients.target.region}?`, { bucket, region: clients.target.region });
    }
    // us-east-1 takes no LocationConstraint; every other region needs one (S3 CreateBucket API reference).
    const config = clients.target.region === "us-east-1" ? undefined : { LocationConstraint: clients.target.region as BucketLocationConstraint };
    await this.retry(() => clients.s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: config })), clients.target, false);
  }

  /** Upload unless an object with this key (a content hash) is already there. Returns whether it uploaded. */
  private async uploadIfMissing(clients: AwsClients, bucket: string, key: string, bytes: Buffer): Promise<boolean> {
    try {
      await this.retry(() => clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })), clients.target);
      return false;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw error;
    }
    // Same key, same bytes: repeating the upload after a lost connection is harmless.
    await this.retry(() => clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: key.endsWith(".zip") ? "application/zip" : "application/octet-stream" })), clients.target, true);
    return true;
  }

  private async waitForChangeSet(clients: AwsClients, changeSetId: string): Promise<{ status: string; reason?: string; changes: Change[] }> {
    for (let attempt = 0; ; attempt++) {
      const out = await this.retry(() => clients.cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId })), clients.target);
      if (out.Status === "CREATE_COMPLETE" || out.Status === "FAILED") {
        const changes = [...(out.Changes ?? [])];
        let next = out.NextToken;
        while (next) {
          const token = next;
          const page = await this.retry(() => clients.cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, NextToken: token })), clients.target);
          changes.push(...(page.Changes ?? []));
          next = page.NextToken;
        }
        return { status: out.Status, reason: out.StatusReason, changes };
      }
      if (attempt > 300) throw new FlowformError("deploy.timeout", "The change set is still being created after a long wait. Check it in the CloudFormation console.");
      await sleep(Math.min(this.pollMs, 500 * 2 ** Math.min(attempt, 3)));
    }
  }

  private async deleteChangeSetQuietly(clients: AwsClients, changeSetId: string, createdStackName?: string): Promise<void> {
    try {
      await this.retry(() => clients.cloudformation.send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId })), clients.target);
    } catch {
      // Cleaning up is best effort: an orphan change set costs nothing and goes with its stack.
    }
    if (createdStackName) await this.deleteEmptyReviewStack(clients, createdStackName);
  }

  /** A CREATE change set leaves an empty stack in REVIEW_IN_PROGRESS; remove it so nothing is left behind. */
  private async deleteEmptyReviewStack(clients: AwsClients, stackName: string): Promise<void> {
    try {
      const stack = await this.describeStack(clients, stackName);
      if (stack?.StackStatus === "REVIEW_IN_PROGRESS") await this.retry(() => clients.cloudformation.send(new DeleteStackCommand({ StackName: stack.StackId })), clients.target);
    } catch {
      // Best effort, as above: the empty stack holds no resources.
    }
  }

  /** Cancel: delete the change set that was reviewed but not executed. */
  async cancelChangeSet(changeSetId: string, target?: AwsTarget): Promise<void> {
    const pending = this.pending.get(changeSetId);
    const t = pending?.target ?? target;
    if (!t) throw new FlowformError("deploy.not-found", "That change set is not known to this session.");
    const clients = this.clients(t);
    try {
      await this.retry(() => clients.cloudformation.send(new DeleteChangeSetCommand({ ChangeSetName: changeSetId })), t);
      if (pending?.kind === "create") await this.deleteEmptyReviewStack(clients, pending.stackName);
      this.pending.delete(changeSetId);
    } catch (error) {
      throw deployError(error, t.profile);
    } finally {
      clients.destroy();
    }
  }

  /** The newest event ID now, so the watch shows only what this operation does. */
  private async newestEventId(clients: AwsClients, stack: string): Promise<string | undefined> {
    try {
      const out = await this.retry(() => clients.cloudformation.send(new DescribeStackEventsCommand({ StackName: stack })), clients.target);
      return out.StackEvents?.[0]?.EventId;
    } catch (error) {
      if (/does not exist/.test((error as Error).message ?? "")) return undefined;
      throw error;
    }
  }

  /**
   * Execute a reviewed change set and start watching. Resolves once CloudFormation has started
   * (progress continues through `onProgress`); `watch` holds the promise of the final state.
   * A lost connection during ExecuteChangeSet is checked by describing the change set: if it is
   * executing, Flowform watches; it is executed again only if it is still waiting.
   */
  async execute(changeSetId: string, onProgress?: ProgressListener): Promise<{ progress: DeployProgress; done: Promise<DeployProgress> }> {
    const pending = this.pending.get(changeSetId);
    if (!pending) throw new FlowformError("deploy.not-found", "That change set is not known to this session (it may have been executed or cancelled already). Deploy again to get a new review.");
    const clients = this.clients(pending.target);
    try {
      const stack = await this.describeStack(clients, pending.stackName);
      const stackId = stack?.StackId ?? pending.stackName;
      const baseline = await this.newestEventId(clients, stackId);
      await this.executeOnce(clients, changeSetId);
      this.pending.delete(changeSetId);
      const operation: DeployOperation = pending.kind;
      const progress = { ...startProgress(pending.stackName, operation, pending.pendingIds, pending.nodeIds), stackId };
      return this.startWatch(clients, stackId, baseline, progress, pending.nodeIds, onProgress);
    } catch (error) {
      clients.destroy();
      throw deployError(error, pending.target.profile);
    }
  }

  private async executeOnce(clients: AwsClients, changeSetId: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.retry(() => clients.cloudformation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId })), clients.target, false);
        return;
      } catch (error) {
        if (errorInfo(error).kind !== "connection") throw error;
        const cs = await this.retry(() => clients.cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId })), clients.target);
        if (cs.ExecutionStatus !== "AVAILABLE") return; // It ran: the answer was lost, not the request.
        if (attempt + 1 >= this.backoff.attempts) throw error;
      }
    }
  }

  private startWatch(clients: AwsClients, stackId: string, baseline: string | undefined, started: DeployProgress, nodeIds: string[], onProgress?: ProgressListener) {
    this.runs += 1;
    const initial = { ...started, runId: `${started.stackName}:${started.operation}:${Date.now().toString(36)}:${this.runs}` };
    this.progressByStack.set(initial.stackName, initial);
    onProgress?.(initial);
    const done = this.watch(clients, stackId, baseline, initial, nodeIds, onProgress).finally(() => {
      clients.destroy();
      this.watches.delete(initial.stackName);
    });
    this.watches.set(initial.stackName, done);
    return { progress: initial, done };
  }

  /** Poll events and the stack until the operation settles; emit progress after each change. */
  private async watch(clients: AwsClients, stackId: string, baseline: string | undefined, initial: DeployProgress, nodeIds: string[], onProgress?: ProgressListener): Promise<DeployProgress> {
    let progress = initial;
    const seen = new Set<string>(initial.events.map((e) => e.EventId ?? ""));
    let failedPolls = 0;
    const publish = (next: DeployProgress) => {
      progress = next;
      this.progressByStack.set(progress.stackName, progress);
      onProgress?.(progress);
    };
    for (let poll = 0; ; poll++) {
      try {
        const fresh: StackEvent[] = [];
        let token: string | undefined;
        pages: do {
          const out = await clients.cloudformation.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: token }));
          for (const e of out.StackEvents ?? []) {
            if (e.EventId === baseline || seen.has(e.EventId ?? "")) break pages;
            fresh.push(e);
          }
          token = out.NextToken;
        } while (token);
        fresh.reverse();
        for (const e of fresh) seen.add(e.EventId ?? "");
        const described = await clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackId }));
        failedPolls = 0;
        const next = applyStackDescription(applyStackEvents({ ...progress, notice: undefined }, fresh, nodeIds), described.Stacks?.[0]);
        if (fresh.length || next.done || progress.notice || next.stackStatus !== progress.stackStatus) publish(next);
        if (next.done) return progress;
        await sleep(this.pollMs);
      } catch (error) {
        const info = errorInfo(error, clients.target.profile);
        failedPolls += 1;
        if (!info.retryable || failedPolls >= this.maxFailedPolls) {
          publish({ ...progress, notice: `Stopped watching: ${info.message} The stack operation itself continues in AWS; open the deploy panel again to resume watching.` });
          throw deployError(error, clients.target.profile);
        }
        const delay = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** failedPolls);
        publish({ ...progress, notice: `${info.kind === "throttled" ? "AWS is throttling requests" : "Connection to AWS lost"} — retrying in ${Math.ceil(delay / 1000)} s (attempt ${failedPolls} of ${this.maxFailedPolls - 1}). Nothing is re-executed.` });
        await sleep(delay);
      }
    }
  }

  /** The final progress of the running watch for a stack, if one runs. */
  watching(stackName: string): Promise<DeployProgress> | undefined {
    return this.watches.get(stackName);
  }

  lastProgress(stackName: string): DeployProgress | undefined {
    return this.progressByStack.get(stackName);
  }

  /** Resume watching a stack that is mid-operation (after a restart or a lost watch). */
  async resume(target: AwsTarget, stackName: string, nodeIds: string[], onProgress?: ProgressListener) {
    const running = this.watches.get(stackName);
    if (running) return { progress: this.progressByStack.get(stackName)!, done: running };
    const clients = this.clients(target);
    try {
      const stack = await this.describeStack(clients, stackName);
      if (!stack?.StackId) throw new FlowformError("deploy.not-found", `Stack ${stackName} does not exist in ${target.region}.`);
      const operation: DeployOperation = stack.StackStatus?.startsWith("DELETE") ? "delete" : stack.StackStatus?.startsWith("CREATE") || stack.StackStatus?.startsWith("ROLLBACK") ? "create" : "update";
      const progress = { ...startProgress(stackName, operation, [], nodeIds), stackId: stack.StackId };
      // Replay the current operation's events (from its "User Initiated" start) so the canvas shows where things are.
      const baseline = await this.operationStart(clients, stack.StackId);
      return this.startWatch(clients, stack.StackId, baseline, progress, nodeIds, onProgress);
    } catch (error) {
      clients.destroy();
      throw deployError(error, target.profile);
    }
  }

  /** The event just before the stack's latest operation began (looked up in the newest 5 pages at most). */
  private async operationStart(clients: AwsClients, stackId: string): Promise<string | undefined> {
    let token: string | undefined;
    let last: string | undefined;
    for (let page = 0; page < 5; page++) {
      const out = await this.retry(() => clients.cloudformation.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: token })), clients.target);
      const events = out.StackEvents ?? [];
      for (let i = 0; i < events.length; i++) {
        const e = events[i];
        if (e.PhysicalResourceId === stackId && /^(CREATE|UPDATE|DELETE|IMPORT)_IN_PROGRESS$/.test(e.ResourceStatus ?? "") && e.ResourceStatusReason === "User Initiated") {
          return events[i + 1]?.EventId ?? "(start of the stack's history)";
        }
        last = e.EventId;
      }
      token = out.NextToken;
      if (!token) return undefined;
    }
    return last;
  }

  /** Stop an update in progress: CloudFormation rolls the stack back to its previous state. */
  async cancelUpdate(target: AwsTarget, stackName: string, nodeIds: string[], onProgress?: ProgressListener) {
    const clients = this.clients(target);
    try {
      const stack = await this.describeStack(clients, stackName);
      if (stack?.StackStatus !== "UPDATE_IN_PROGRESS") {
        throw new FlowformError("deploy.notCancellable", `Only an update in progress can be cancelled; the stack is ${stack?.StackStatus ?? "not there"}.`);
      }
      await this.retry(() => clients.cloudformation.send(new CancelUpdateStackCommand({ StackName: stackName })), target, false);
      const running = this.watches.get(stackName);
      if (running) {
        clients.destroy();
        return { progress: this.progressByStack.get(stackName)!, done: running };
      }
      const baseline = await this.newestEventId(clients, stack.StackId!);
      return this.startWatch(clients, stack.StackId!, baseline, { ...startProgress(stackName, "cancel-update", [], nodeIds), stackId: stack.StackId }, nodeIds, onProgress);
    } catch (error) {
      clients.destroy();
      throw deployError(error, target.profile);
    }
  }

  /** Delete the stack; `confirmName` must repeat the stack's name (the person confirmed it). */
  async deleteStack(target: AwsTarget, stackName: string, confirmName: string, nodeIds: string[], onProgress?: ProgressListener) {
    if (confirmName !== stackName) throw new FlowformError("deploy.confirmationMismatch", `Type the stack name "${stackName}" to confirm deleting it.`);
    const clients = this.clients(target);
    try {
      const stack = await this.describeStack(clients, stackName);
      if (!stack?.StackId) throw new FlowformError("deploy.not-found", `Stack ${stackName} does not exist in ${target.region}; there is nothing to delete.`);
      const baseline = await this.newestEventId(clients, stack.StackId);
      await this.retry(() => clients.cloudformation.send(new DeleteStackCommand({ StackName: stack.StackId })), target, true);
      const progress = { ...startProgress(stackName, "delete", [], nodeIds), stackId: stack.StackId };
      return this.startWatch(clients, stack.StackId, baseline, progress, nodeIds, onProgress);
    } catch (error) {
      clients.destroy();
      throw deployError(error, target.profile);
    }
  }
}

/** resources/pricing/<region>.json, looked up from this file upwards (source tree and bundles). */
export function loadPriceTables(startDir: string): (region: string) => PriceTable | undefined {
  const cache = new Map<string, PriceTable | undefined>();
  let dir: string | undefined = startDir;
  let pricingDir: string | undefined;
  for (let i = 0; i < 6 && dir; i++) {
    if (existsSync(join(dir, "resources", "pricing"))) {
      pricingDir = join(dir, "resources", "pricing");
      break;
    }
    const parent = resolve(dir, "..");
    dir = parent === dir ? undefined : parent;
  }
  return (region) => {
    if (!pricingDir) return undefined;
    if (!cache.has(region)) {
      const file = join(pricingDir, `${region}.json`);
      cache.set(region, existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PriceTable) : undefined);
    }
    return cache.get(region);
  };
}
