/**
 * The deploy panel: settings (profile, region, stack, staging bucket, parameter values — saved
 * in flowform.json, never secrets), Deploy → one review (resource changes, IAM in words, cost
 * delta) → Execute or Cancel, then live status per resource with the first failure pinned, the
 * stack outputs (copyable), cancel update and delete stack (with typed confirmation).
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { changeLineText, costDeltaText, NOT_STARTED, type ChangeSetReview, type DeployProgress } from "../../core/deploy";
import { parseTemplate } from "../../core/template/parse";
import { useStore } from "../store";
import { STATUS_WORDS } from "./DeployBadge";

const REGIONS = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1",
  "eu-north-1", "eu-south-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "sa-east-1",
];

export function DeployPanel() {
  const phase = useStore((s) => s.deployPhase);
  const error = useStore((s) => s.deployError);
  const loadProfiles = useStore((s) => s.loadDeployProfiles);
  const profilesLoaded = useStore((s) => s.deployProfiles !== null);
  useEffect(() => {
    if (!profilesLoaded) void loadProfiles();
  }, [profilesLoaded, loadProfiles]);
  // Opening the tab shows where the stack stands (and follows a deploy still running after a reload).
  // Runs again when the project (or its target) changes: the panel may mount before the project loads.
  const refresh = useStore((s) => s.refreshDeployStatus);
  const projectDir = useStore((s) => s.project?.dir ?? null);
  const hasTarget = useStore((s) => !!s.settings.deploy.region && !!s.settings.deploy.stackName);
  useEffect(() => {
    if (hasTarget && useStore.getState().deployPhase === "idle") void refresh();
  }, [refresh, projectDir, hasTarget]);

  return (
    <section className="ff-deploy" aria-label="Deploy to AWS">
      <DeploySettingsForm disabled={phase === "preparing" || phase === "executing"} />
      {error ? (
        <div className="ff-deploy__error" role="alert">
          <strong>{errorTitle(error.code)}</strong> {error.message}
        </div>
      ) : null}
      <BucketQuestion />
      {phase === "preparing" ? <p className="ff-deploy__busy" role="status">Packaging code and creating the change set…</p> : null}
      <ReviewSection />
      <ProgressSection />
    </section>
  );
}

function errorTitle(code: string): string {
  switch (code) {
    case "deploy.no-credentials": return "No credentials.";
    case "deploy.expired-token": return "Session expired.";
    case "deploy.access-denied": return "Access denied.";
    case "deploy.throttled": return "Throttled.";
    case "deploy.connection": return "Connection lost.";
    case "deploy.validation": return "Template rejected.";
    case "deploy.stackBlocked": return "Stack needs attention.";
    default: return "Deploy failed.";
  }
}

function DeploySettingsForm({ disabled }: { disabled: boolean }) {
  const deploy = useStore((s) => s.settings.deploy);
  const profiles = useStore((s) => s.deployProfiles);
  const endpoint = useStore((s) => s.deployEndpointOverride);
  const parameters = useStore((s) => s.lastGoodModel?.parameters ?? EMPTY);
  const update = useStore((s) => s.updateDeploySettings);
  const secrets = useStore((s) => s.deploySecretParameters);
  const setSecret = useStore((s) => s.setDeploySecretParameter);
  const templateText = useStore((s) => s.templateText);
  // NoEcho parameters hold secrets: their values stay in memory and never reach flowform.json.
  const noEcho = useMemo(() => noEchoParameters(templateText), [templateText]);
  const startDeploy = useStore((s) => s.startDeploy);
  const refresh = useStore((s) => s.refreshDeployStatus);
  const phase = useStore((s) => s.deployPhase);
  const id = useId();
  const canDeploy = !disabled && phase !== "review" && !!deploy.region && !!deploy.stackName;
  return (
    <form
      className="ff-deploy__settings"
      aria-label="Deploy settings"
      onSubmit={(e) => {
        e.preventDefault();
        if (canDeploy) void startDeploy();
      }}
    >
      <label className="ff-deploy__field">
        <span>AWS profile</span>
        <select value={deploy.profile ?? ""} disabled={disabled} onChange={(e) => update({ profile: e.target.value || undefined })}>
          <option value="">Default credentials</option>
          {(profiles ?? []).map((p) => (
            <option key={p.name} value={p.name}>{`${p.name} (${p.kind === "sso" ? "SSO" : p.kind})`}</option>
          ))}
          {deploy.profile && profiles && !profiles.some((p) => p.name === deploy.profile) ? (
            <option value={deploy.profile}>{`${deploy.profile} (not in ~/.aws)`}</option>
          ) : null}
        </select>
      </label>
      <label className="ff-deploy__field">
        <span>Region</span>
        <input list={`${id}-regions`} value={deploy.region ?? ""} disabled={disabled} placeholder="us-east-1" spellCheck={false} onChange={(e) => update({ region: e.target.value.trim() || undefined })} />
        <datalist id={`${id}-regions`}>{REGIONS.map((r) => <option key={r} value={r} />)}</datalist>
      </label>
      <label className="ff-deploy__field">
        <span>Stack name</span>
        <input value={deploy.stackName ?? ""} disabled={disabled} placeholder="my-app" spellCheck={false} onChange={(e) => update({ stackName: e.target.value.trim() || undefined })} />
      </label>
      <label className="ff-deploy__field">
        <span>Staging bucket</span>
        <input value={deploy.stagingBucket ?? ""} disabled={disabled} placeholder="my-app-deploy-artifacts" spellCheck={false} onChange={(e) => update({ stagingBucket: e.target.value.trim() || undefined })} />
      </label>
      {parameters.length ? (
        <fieldset className="ff-deploy__params">
          <legend>Parameters</legend>
          {parameters.map((p) =>
            noEcho.has(p.name) ? (
              <label key={p.name} className="ff-deploy__field">
                <span>{p.name} (NoEcho: not saved)</span>
                <input
                  type="password"
                  value={secrets[p.name] ?? ""}
                  disabled={disabled}
                  placeholder={p.default !== undefined ? "default from the template" : "required"}
                  onChange={(e) => setSecret(p.name, e.target.value)}
                />
              </label>
            ) : (
              <label key={p.name} className="ff-deploy__field">
                <span>{p.name}</span>
                <input
                  value={deploy.parameters[p.name] ?? ""}
                  disabled={disabled}
                  placeholder={p.default !== undefined ? `default: ${String(p.default)}` : "required"}
                  onChange={(e) => update({ parameters: { ...deploy.parameters, [p.name]: e.target.value } })}
                />
              </label>
            ),
          )}
        </fieldset>
      ) : null}
      <div className="ff-deploy__actions">
        <button type="submit" className="primary" disabled={!canDeploy}>Deploy</button>
        <button type="button" disabled={disabled || !deploy.region || !deploy.stackName} onClick={() => void refresh()}>Refresh status</button>
        <DeleteStackControl disabled={disabled} />
      </div>
      {endpoint ? <p className="ff-deploy__note" role="note">AWS calls go to {endpoint} (FLOWFORM_AWS_ENDPOINT) — a test endpoint, not AWS.</p> : null}
      <StackStatusLine />
    </form>
  );
}

const EMPTY: never[] = [];

function noEchoParameters(text: string): Set<string> {
  const params = parseTemplate(text).parsed?.value.Parameters;
  const out = new Set<string>();
  if (params && typeof params === "object") {
    for (const [name, def] of Object.entries(params as Record<string, { NoEcho?: unknown }>)) {
      if (def?.NoEcho === true || String(def?.NoEcho).toLowerCase() === "true") out.add(name);
    }
  }
  return out;
}

function StackStatusLine() {
  const status = useStore((s) => s.deployStackStatus);
  // The finished run below already says the same guidance in full; say it once.
  const shownBelow = useStore((s) => !!s.deployProgress?.guidance);
  if (!status) return null;
  return (
    <p className="ff-deploy__stack" role="status" aria-label="Stack status">
      {status.exists ? `Stack status: ${status.stackStatus}` : "The stack does not exist yet: Deploy creates it."}
      {status.path.kind === "blocked" && !shownBelow ? <span className="ff-deploy__guidance"> {status.path.reason}</span> : null}
    </p>
  );
}

function DeleteStackControl({ disabled }: { disabled: boolean }) {
  const stackName = useStore((s) => s.settings.deploy.stackName ?? "");
  const deleteStack = useStore((s) => s.deleteDeployedStack);
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState("");
  if (!asking) {
    return <button type="button" className="ff-deploy__danger" disabled={disabled || !stackName} onClick={() => { setTyped(""); setAsking(true); }}>Delete stack…</button>;
  }
  return (
    <div className="ff-deploy__confirm" role="group" aria-label="Confirm deleting the stack">
      <label className="ff-deploy__field">
        <span>Type “{stackName}” to delete the stack and all its resources</span>
        <input aria-label="Stack name to confirm" value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} autoFocus />
      </label>
      <button type="button" className="ff-deploy__danger" disabled={typed !== stackName} onClick={() => { setAsking(false); void deleteStack(typed); }}>Delete stack</button>
      <button type="button" onClick={() => setAsking(false)}>Keep stack</button>
    </div>
  );
}

function BucketQuestion() {
  const question = useStore((s) => s.deployBucketQuestion);
  const startDeploy = useStore((s) => s.startDeploy);
  const cancel = useStore((s) => s.cancelDeploy);
  if (!question) return null;
  return (
    <div className="ff-deploy__question" role="alertdialog" aria-label="Create staging bucket?">
      <p>{question} Flowform uploads the function code there, keyed by content hash.</p>
      <button type="button" className="primary" onClick={() => void startDeploy(true)}>Create bucket and continue</button>
      <button type="button" onClick={() => void cancel()}>Cancel</button>
    </div>
  );
}

function ReviewSection() {
  const review = useStore((s) => s.deployReview);
  const reviewText = useStore((s) => s.deployReviewText);
  const phase = useStore((s) => s.deployPhase);
  const confirm = useStore((s) => s.confirmDeploy);
  const cancel = useStore((s) => s.cancelDeploy);
  const dismiss = useStore((s) => s.dismissDeployResult);
  const shown = !!review && (phase === "review" || phase === "preparing");
  // The panel is short and the settings come first: bring a new review into view.
  const ref = useScrolledIntoView<HTMLElement>(shown ? review?.changeSetId ?? review?.stackName : undefined);
  if (!review || !shown) return null;
  return (
    <section ref={ref} className="ff-deploy__review" aria-label="Change set review">
      <h3>{review.kind === "create" ? "Create" : "Update"} stack {review.stackName} in {review.region}</h3>
      {review.noChanges ? (
        <>
          <p role="status">No changes: the stack already matches this template. Nothing to deploy.</p>
          <button type="button" onClick={dismiss}>Close review</button>
        </>
      ) : (
        <>
          <ChangesTable review={review} />
          <IamList review={review} />
          <p className="ff-deploy__cost" aria-label="Cost delta">{costDeltaText(review.cost)}</p>
          {review.artifacts.length ? (
            <details className="ff-deploy__artifacts">
              <summary>Packaged code ({review.artifacts.length})</summary>
              <ul>{review.artifacts.map((a) => <li key={`${a.resource}-${a.key}`}>{a.localPath} → s3://{a.bucket}/{a.key} ({a.uploaded ? "uploaded" : "already there"})</li>)}</ul>
            </details>
          ) : null}
          <div className="ff-deploy__actions">
            <button type="button" className="primary" onClick={() => void confirm()}>Execute change set</button>
            <button type="button" onClick={() => void cancel()}>Cancel</button>
            {reviewText ? <CopyButton text={reviewText} label="Copy review" /> : null}
          </div>
        </>
      )}
    </section>
  );
}

function ChangesTable({ review }: { review: ChangeSetReview }) {
  const counts = (["add", "modify", "remove"] as const).map((a) => `${review.changes.filter((c) => c.action === a).length} to ${a}`).join(", ");
  return (
    <table className="ff-deploy__table" aria-label="Resource changes">
      <caption>Resource changes: {counts}</caption>
      <thead>
        <tr><th scope="col">Action</th><th scope="col">Resource</th><th scope="col">Type</th><th scope="col">Replacement</th></tr>
      </thead>
      <tbody>
        {review.changes.map((c) => (
          <tr key={c.logicalId} className={`ff-deploy__change--${c.action}`} title={changeLineText(c)}>
            <td>{c.action}</td>
            <td>{c.logicalId}{c.changedProperties.length ? <span className="ff-deploy__muted"> ({c.changedProperties.join(", ")})</span> : null}</td>
            <td className="ff-deploy__type">{c.resourceType}</td>
            <td>{c.replacement === "always" ? <strong className="ff-deploy__replace">Replaced</strong> : c.replacement === "conditional" ? "May be replaced" : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IamList({ review }: { review: ChangeSetReview }) {
  return (
    <section className="ff-deploy__iam" aria-label="IAM changes">
      <h4>IAM changes</h4>
      {review.iam.length === 0 ? <p>None.</p> : (
        <ul>
          {review.iam.map((i) => (
            <li key={`${i.action}-${i.logicalId}`}>
              {i.summary}{i.broad ? <strong className="ff-deploy__replace"> — broad: every action or every resource</strong> : null}
              {i.grants.length ? <ul>{i.grants.map((g) => <li key={g}>{g}</li>)}</ul> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ProgressSection() {
  const progress = useStore((s) => s.deployProgress);
  const cancelUpdate = useStore((s) => s.cancelStackUpdate);
  const resume = useStore((s) => s.resumeDeployWatch);
  const dismiss = useStore((s) => s.dismissDeployResult);
  // A new run, and later its first failure, are brought into view (the panel scrolls, not the page).
  const sectionRef = useScrolledIntoView<HTMLElement>(progress?.runId);
  const failureRef = useScrolledIntoView<HTMLDivElement>(progress?.failure ? `${progress.runId}:${progress.failure.logicalId}` : undefined);
  if (!progress) return null;
  const stopped = !progress.done && !!progress.notice?.startsWith("Stopped watching");
  return (
    <section ref={sectionRef} className="ff-deploy__progress" aria-label="Deploy progress">
      <h3>
        {operationWords(progress)} {progress.stackName}: <span aria-label="Stack status">{progress.stackStatus ?? "starting"}</span>
      </h3>
      {progress.notice ? <p className="ff-deploy__notice" role="status">{progress.notice}</p> : null}
      {stopped ? <button type="button" onClick={() => void resume()}>Resume watching</button> : null}
      {progress.failure ? (
        <div ref={failureRef} className="ff-deploy__failure" role="alert" aria-label="First failure">
          <strong>First failure: {progress.failure.logicalId}</strong> <span className="ff-deploy__type">{progress.failure.resourceType}</span>
          <p>{progress.failure.reason}</p>
        </div>
      ) : null}
      {progress.guidance ? <p className="ff-deploy__guidance" role="note">{progress.guidance}</p> : null}
      {!progress.done && progress.stackStatus === "UPDATE_IN_PROGRESS" ? (
        <button type="button" className="ff-deploy__danger" onClick={() => void cancelUpdate()}>Cancel update</button>
      ) : null}
      {progress.outputs.length ? (
        <section className="ff-deploy__outputs" aria-label="Stack outputs">
          <h4>Outputs</h4>
          <dl>
            {progress.outputs.map((o) => (
              <div key={o.key} className="ff-deploy__output">
                <dt>{o.key}{o.description ? <span className="ff-deploy__muted"> — {o.description}</span> : null}</dt>
                <dd><code>{o.value}</code> <CopyButton text={o.value} label={`Copy ${o.key}`} /></dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <table className="ff-deploy__table" aria-label="Resource status">
        <thead><tr><th scope="col">Resource</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Reason</th></tr></thead>
        <tbody>
          {progress.resources.map((r) => (
            <tr key={r.logicalId} data-deploy-status={r.node}>
              <td>{r.logicalId}</td>
              <td className="ff-deploy__type">{r.resourceType ?? ""}</td>
              <td>
                {r.status === NOT_STARTED
                  ? <span className="ff-badge ff-deploy-badge ff-deploy-badge--pending">not started</span>
                  : <span className={`ff-badge ff-deploy-badge ff-deploy-badge--${r.node}`}>{STATUS_WORDS[r.node]}</span>}
              </td>
              <td className="ff-deploy__reason">{r.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {progress.done ? <button type="button" onClick={dismiss}>Done</button> : null}
    </section>
  );
}

function operationWords(p: DeployProgress): string {
  if (p.done && p.outcome === "rolled-back") return "Rolled back";
  if (p.done && p.outcome === "failed") {
    switch (p.operation) {
      case "create": return "Failed to create";
      case "update": return "Failed to update";
      case "delete": return "Failed to delete";
      case "cancel-update": return "Failed to cancel the update of";
    }
  }
  switch (p.operation) {
    case "create": return p.done ? "Created" : "Creating";
    case "update": return p.done ? "Updated" : "Updating";
    case "delete": return p.done ? "Deleted" : "Deleting";
    case "cancel-update": return p.done ? "Rolled back" : "Cancelling update of";
  }
}

/**
 * Scrolls the element into view whenever `key` changes to a new defined value (a new review, run
 * or failure), within the deploy panel's own scroll area.
 */
function useScrolledIntoView<T extends HTMLElement>(key: string | number | undefined) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key === undefined) return;
    ref.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [key]);
  return ref;
}

/**
 * Copies `text`. The button keeps its accessible name ("Copy EndpointUrl"); the result is said in
 * a polite live region, and when the clipboard is not available (an insecure origin, a denied
 * permission) the person is told to select the value instead of nothing happening.
 */
function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <>
      <button type="button" className="ff-deploy__small" aria-label={label} onClick={() => void copy()}>
        {state === "copied" ? "Copied" : "Copy"}
      </button>
      <span role="status" className={state === "failed" ? "ff-deploy__muted" : "ff-deploy__live"}>
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "Could not use the clipboard: select the text and press Ctrl+C (⌘C)." : ""}
      </span>
    </>
  );
}
