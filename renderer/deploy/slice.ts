/**
 * Deploy slice: the deploy panel's state (settings live in flowform.json via the project
 * slice), the review, the live progress main pushes (`deploy.progress`) and the per-node status
 * the canvas badges read by logical ID. Every AWS call goes through `api().deploy.*`; no
 * credentials ever reach the renderer.
 */
import type { AwsProfile, ChangeSetReview, DeployProgress, NodeDeployStatus } from "../../core/deploy";
import type { DeploySettings } from "../../core/project/settings";
import type { DeployStatus } from "../../preload/api";
import type { SliceCreator } from "../store";
import { api, FlowformError } from "../transport";

export type DeployPhase = "idle" | "preparing" | "bucket-question" | "review" | "executing" | "finished";

export interface DeployErrorView {
  code: string;
  message: string;
}

export interface DeploySlice {
  deployPhase: DeployPhase;
  deployProfiles: AwsProfile[] | null;
  /** Set when main talks to another endpoint than AWS (the test emulator). */
  deployEndpointOverride: string | null;
  deployReview: ChangeSetReview | null;
  deployReviewText: string | null;
  /** The question asked before creating a missing staging bucket. */
  deployBucketQuestion: string | null;
  deployProgress: DeployProgress | null;
  deployStackStatus: DeployStatus | null;
  deployError: DeployErrorView | null;
  /** Live status per canvas node (logical ID), for `useNodeDeployStatus`. */
  deployNodeStatus: Record<string, NodeDeployStatus>;
  /** Values of NoEcho parameters: kept in memory for this session only, never written to flowform.json. */
  deploySecretParameters: Record<string, string>;
  setDeploySecretParameter(name: string, value: string): void;

  updateDeploySettings(patch: Partial<DeploySettings>): void;
  loadDeployProfiles(): Promise<void>;
  refreshDeployStatus(): Promise<void>;
  /** Package, create the change set and show the review. */
  startDeploy(createBucket?: boolean): Promise<void>;
  /** Execute the reviewed change set. */
  confirmDeploy(): Promise<void>;
  /** Cancel the review (deletes the change set) or dismiss the bucket question. */
  cancelDeploy(): Promise<void>;
  cancelStackUpdate(): Promise<void>;
  /** Follow the stack's running operation again (after a reload or a lost watch). */
  resumeDeployWatch(): Promise<void>;
  deleteDeployedStack(confirmName: string): Promise<void>;
  applyDeployProgress(progress: DeployProgress): void;
  dismissDeployResult(): void;
}

function errorView(error: unknown): DeployErrorView {
  const e = FlowformError.from(error);
  return { code: e.code, message: e.message };
}

export const createDeploySlice: SliceCreator<DeploySlice> = (set, get) => {
  const target = () => {
    const d = get().settings.deploy;
    return { profile: d.profile || undefined, region: d.region ?? "", stackName: d.stackName ?? "" };
  };
  const nodeIds = () => (get().lastGoodModel?.resources ?? []).map((r) => r.id);

  // Progress is pushed by main whichever tab is open, so the canvas badges follow it too.
  queueMicrotask(() => {
    try {
      api().events.on("deploy.progress", (progress) => get().applyDeployProgress(progress));
    } catch {
      // No transport (unit tests of the store): nothing pushes progress.
    }
  });

  return {
    deployPhase: "idle",
    deployProfiles: null,
    deployEndpointOverride: null,
    deployReview: null,
    deployReviewText: null,
    deployBucketQuestion: null,
    deployProgress: null,
    deployStackStatus: null,
    deployError: null,
    deployNodeStatus: {},
    deploySecretParameters: {},

    setDeploySecretParameter(name, value) {
      set({ deploySecretParameters: { ...get().deploySecretParameters, [name]: value } });
    },

    updateDeploySettings(patch) {
      get().updateSettings((s) => ({ ...s, deploy: { ...s.deploy, ...patch } }));
    },

    async loadDeployProfiles() {
      try {
        const { profiles, endpointOverride } = await api().deploy.listProfiles();
        set({ deployProfiles: profiles, deployEndpointOverride: endpointOverride });
      } catch (error) {
        set({ deployProfiles: [], deployError: errorView(error) });
      }
    },

    async refreshDeployStatus() {
      const t = target();
      if (!t.region || !t.stackName) return;
      try {
        const status = await api().deploy.status(t);
        set({ deployStackStatus: status, deployError: null });
        if (status.progress && !get().deployProgress) get().applyDeployProgress(status.progress);
        // A stack mid-operation that this window is not following (e.g. after a reload): follow it.
        const busy = !!status.stackStatus && status.stackStatus.endsWith("_IN_PROGRESS") && status.stackStatus !== "REVIEW_IN_PROGRESS";
        if (busy && (!get().deployProgress || get().deployProgress!.done)) await get().resumeDeployWatch();
      } catch (error) {
        set({ deployError: errorView(error) });
      }
    },

    async startDeploy(createBucket = false) {
      const t = target();
      const { settings, templateText } = get();
      if (!t.region || !t.stackName) {
        set({ deployError: { code: "deploy.settingsMissing", message: "Enter a region and a stack name first." } });
        return;
      }
      set({ deployPhase: "preparing", deployError: null, deployReview: null, deployReviewText: null, deployBucketQuestion: null, deployProgress: null });
      try {
        const { review, reviewText } = await api().deploy.createChangeSet({
          ...t,
          templateText,
          stagingBucket: settings.deploy.stagingBucket || undefined,
          createBucket,
          parameters: { ...settings.deploy.parameters, ...get().deploySecretParameters },
          usage: settings.usage as unknown as Record<string, unknown>,
        });
        set({ deployPhase: "review", deployReview: review, deployReviewText: reviewText });
      } catch (error) {
        const view = errorView(error);
        if (view.code === "deploy.bucketMissing") set({ deployPhase: "bucket-question", deployBucketQuestion: view.message });
        else set({ deployPhase: "idle", deployError: view });
      }
    },

    async confirmDeploy() {
      const review = get().deployReview;
      if (!review?.changeSetId) return;
      set({ deployPhase: "executing", deployError: null, deployProgress: null, deployNodeStatus: {} });
      try {
        const { progress } = await api().deploy.execute({ changeSetId: review.changeSetId });
        get().applyDeployProgress(progress);
      } catch (error) {
        set({ deployPhase: "review", deployError: errorView(error) });
      }
    },

    async cancelDeploy() {
      const review = get().deployReview;
      set({ deployBucketQuestion: null });
      if (get().deployPhase === "review" && review?.changeSetId) {
        try {
          await api().deploy.cancel({ changeSetId: review.changeSetId });
        } catch (error) {
          set({ deployError: errorView(error) });
        }
      }
      set({ deployPhase: "idle", deployReview: null, deployReviewText: null });
    },

    async cancelStackUpdate() {
      try {
        const { progress } = await api().deploy.cancelUpdate({ ...target(), nodeIds: nodeIds() });
        get().applyDeployProgress(progress);
      } catch (error) {
        set({ deployError: errorView(error) });
      }
    },

    async resumeDeployWatch() {
      try {
        const { progress } = await api().deploy.watch({ ...target(), nodeIds: nodeIds() });
        get().applyDeployProgress(progress);
      } catch (error) {
        set({ deployError: errorView(error) });
      }
    },

    async deleteDeployedStack(confirmName) {
      set({ deployError: null, deployReview: null, deployReviewText: null, deployNodeStatus: {}, deployProgress: null });
      try {
        const { progress } = await api().deploy.deleteStack({ ...target(), nodeIds: nodeIds(), confirmName });
        get().applyDeployProgress(progress);
      } catch (error) {
        set({ deployError: errorView(error) });
      }
    },

    applyDeployProgress(progress) {
      if (progress.stackName !== get().settings.deploy.stackName) return;
      const current = get().deployProgress;
      // Pushed events and the call's answer race: never go back to an older snapshot of the same run.
      if (current && current.runId === progress.runId && (current.done || current.events.length > progress.events.length)) return;
      set({
        deployProgress: progress,
        deployNodeStatus: progress.nodes,
        deployPhase: progress.done ? "finished" : "executing",
      });
      if (progress.done) void get().refreshDeployStatus();
    },

    dismissDeployResult() {
      // The node badges keep the last result until the next deploy; the panel clears.
      set({ deployPhase: "idle", deployReview: null, deployReviewText: null, deployProgress: null });
    },
  };
};
