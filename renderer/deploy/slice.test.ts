import { describe, expect, it } from "vitest";
import { applyStackDescription, applyStackEvents, startProgress } from "../../core/deploy";
import { defaultSettings, serializeSettings } from "../../core/project/settings";
import { useStore } from "../store";

const ev = (id: string, status: string) => ({ EventId: `${id}-${status}`, LogicalResourceId: id, ResourceType: "AWS::SQS::Queue", ResourceStatus: status });

function load() {
  useStore.getState().loadSnapshot({ dir: null, name: "Untitled", templateFile: "template.yaml", templateText: "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n", settings: defaultSettings(), recovery: null });
}

describe("deploy slice", () => {
  it("keeps the deploy settings in flowform.json, without any credential field", () => {
    load();
    useStore.getState().updateDeploySettings({ profile: "dev-sso", region: "eu-west-1", stackName: "shop", stagingBucket: "shop-artifacts" });
    const saved = JSON.parse(serializeSettings(useStore.getState().settings)).deploy;
    expect(saved).toEqual({ profile: "dev-sso", region: "eu-west-1", stackName: "shop", stagingBucket: "shop-artifacts", parameters: {} });
    expect(useStore.getState().dirty).toBe(true);
  });

  it("keeps NoEcho parameter values in memory only, never in flowform.json", () => {
    load();
    useStore.getState().updateDeploySettings({ parameters: { Stage: "prod" } });
    useStore.getState().setDeploySecretParameter("DbPassword", "hunter2-not-saved");
    expect(useStore.getState().deploySecretParameters).toEqual({ DbPassword: "hunter2-not-saved" });
    expect(serializeSettings(useStore.getState().settings)).not.toContain("hunter2-not-saved");
    expect(useStore.getState().settings.deploy.parameters).toEqual({ Stage: "prod" });
  });

  it("follows pushed progress for its stack, gives nodes their status and never goes back to an older snapshot", () => {
    load();
    useStore.getState().updateDeploySettings({ region: "eu-west-1", stackName: "shop" });
    const started = { ...startProgress("shop", "create", ["Queue"], ["Queue"]), runId: "run-1" };
    const moving = applyStackEvents(started, [ev("Queue", "CREATE_IN_PROGRESS")], ["Queue"]);
    const finished = applyStackDescription(applyStackEvents(moving, [ev("Queue", "CREATE_COMPLETE")], ["Queue"]), { StackStatus: "CREATE_COMPLETE" });

    useStore.getState().applyDeployProgress({ ...moving, stackName: "other-stack" });
    expect(useStore.getState().deployNodeStatus).toEqual({});

    useStore.getState().applyDeployProgress(moving);
    expect(useStore.getState().deployNodeStatus).toEqual({ Queue: "in-progress" });
    expect(useStore.getState().deployPhase).toBe("executing");

    useStore.getState().applyDeployProgress(finished);
    // The call's answer (the first snapshot) can arrive after the pushed events: it is ignored.
    useStore.getState().applyDeployProgress(started);
    expect(useStore.getState().deployNodeStatus).toEqual({ Queue: "complete" });
    expect(useStore.getState().deployPhase).toBe("finished");

    // A new run starts from its own first snapshot.
    useStore.getState().applyDeployProgress({ ...startProgress("shop", "delete", [], ["Queue"]), runId: "run-2" });
    expect(useStore.getState().deployProgress?.operation).toBe("delete");
  });
});
