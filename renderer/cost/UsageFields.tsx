/**
 * Usage fields for one resource or wire (entry-point traffic, function duration and memory,
 * calls per invocation…). The inspector embeds `<UsageFields target={{ resource: id }} />` or
 * `<UsageFields target={{ connection: id }} />`. Values are saved in flowform.json's `usage`.
 */
import { useEffect, useState } from "react";
import { costKind, ENTRY_KEYS, functionConfig } from "../../core/cost";
import type { Connection, Resource } from "../../core/model/types";
import { useStore } from "../store";
import { formatMoney } from "./hooks";
import type { UsageTarget } from "./slice";

interface FieldSpec {
  key: string;
  label: string;
  help?: string;
  placeholder?: string;
  step?: string;
}

const ENTRY_LABELS: Record<string, string> = {
  requestsPerMonth: "Requests per month",
  uploadsPerMonth: "Uploads per month",
  messagesPerMonth: "Messages per month",
  eventsPerMonth: "Events per month",
  recordsPerMonth: "Records per month",
  executionsPerMonth: "Executions per month",
  invocationsPerMonth: "Direct invocations per month",
};

function resourceFields(resource: Resource, kind: string, model: Parameters<typeof functionConfig>[1]): FieldSpec[] {
  const fields: FieldSpec[] = [];
  const entry = ENTRY_KEYS[kind];
  if (entry) fields.push({ key: entry, label: ENTRY_LABELS[entry], help: kind === "function" ? "Calls that do not come through a wire (SDK, console)." : "Traffic entering the design here; it flows along the wires." });
  switch (kind) {
    case "function": {
      const cfg = functionConfig(resource, model, undefined);
      fields.push(
        { key: "durationMs", label: "Average duration (ms)", placeholder: "100" },
        { key: "memoryMb", label: "Memory (MB)", placeholder: String(cfg.memoryMb), help: "Blank: the template's MemorySize." },
        { key: "failureRate", label: "Failure rate (0–1)", placeholder: "0", step: "0.01" },
        { key: "retries", label: "Retries after a failure", help: "Blank: 2 when every trigger is asynchronous (S3, SNS, EventBridge, schedules), else 0." },
        { key: "provisionedConcurrency", label: "Provisioned concurrency", placeholder: String(cfg.provisionedConcurrency), help: "Instances kept warm all month; blank: the template's." },
        { key: "logBytesPerInvocation", label: "Log bytes per invocation", placeholder: "0" },
      );
      break;
    }
    case "websocket-api":
      fields.push(
        { key: "messageKb", label: "Message size (KB)", placeholder: "1", help: "Metered in 32 KB units." },
        { key: "connectionMinutesPerMonth", label: "Connection minutes per month", help: "Every minute a client stays connected." },
      );
      break;
    case "user-pool":
      fields.push({ key: "monthlyActiveUsers", label: "Monthly active users", help: "Users who sign in, sign up or refresh a token in the month; the template's feature plan sets the price." });
      break;
    case "pipe":
      fields.push({ key: "payloadKb", label: "Payload size (KB)", placeholder: "1", help: "Billed in 64 KB chunks, after filtering." });
      break;
    case "http-api":
      fields.push({ key: "requestKb", label: "Request size (KB)", help: "HTTP APIs are metered per 512 KB." }, { key: "responseKb", label: "Response size (KB)", help: "Data transfer out." });
      break;
    case "rest-api":
      fields.push({ key: "responseKb", label: "Response size (KB)", help: "Data transfer out." });
      break;
    case "bucket":
      fields.push({ key: "storageGb", label: "Storage (GB)" }, { key: "downloadsPerMonth", label: "Downloads per month" });
      break;
    case "table":
      fields.push({ key: "itemKb", label: "Item size (KB)", placeholder: "1" }, { key: "storageGb", label: "Storage (GB)" }, { key: "readsPerMonth", label: "Outside reads per month" });
      break;
    case "queue":
    case "topic":
    case "event-bus":
      fields.push({ key: "payloadKb", label: "Payload size (KB)", placeholder: "1", help: "Billed in 64 KB chunks." });
      break;
    case "stream":
      fields.push({ key: "recordKb", label: "Record size (KB)", placeholder: "1" });
      break;
    case "state-machine":
      fields.push({ key: "transitionsPerExecution", label: "Transitions per execution" }, { key: "durationMs", label: "Express duration (ms)" });
      break;
  }
  return fields;
}

function connectionFields(connection: Connection, sourceKind: string, targetKind: string): FieldSpec[] {
  if (connection.kind === "trigger") {
    const fields: FieldSpec[] = [{ key: "share", label: "Share of the source's traffic (0–1)", step: "0.01", help: sourceKind.endsWith("api") ? "Routes split the API's requests equally unless set." : "1 = every message/event." }];
    if (sourceKind === "queue" || sourceKind === "stream" || sourceKind === "table") fields.push({ key: "averageBatchSize", label: "Average batch size", help: "Blank: the wire's batch size (full batches)." });
    return fields;
  }
  if (connection.kind === "access") {
    if (targetKind === "table") {
      return [
        { key: "readsPerInvocation", label: "Reads per invocation", help: "Blank: from the wire's access level (read or read-write: 1)." },
        { key: "writesPerInvocation", label: "Writes per invocation", help: "Blank: from the wire's access level (write or read-write: 1)." },
      ];
    }
    return [{ key: "callsPerInvocation", label: "Calls per invocation", placeholder: "1" }];
  }
  return [];
}

export function UsageFields({ target }: { target: UsageTarget }) {
  const model = useStore((s) => s.lastGoodModel);
  const record = useStore((s) => ("resource" in target ? s.settings.usage.resources[target.resource] : s.settings.usage.connections[target.connection]));
  const monthly = useStore((s) => ("resource" in target ? s.costByResource[target.resource] : undefined));
  if (!model) return null;
  let fields: FieldSpec[] = [];
  let name = "";
  if ("resource" in target) {
    const resource = model.resources.find((r) => r.id === target.resource);
    if (!resource) return null;
    fields = resourceFields(resource, costKind(resource), model);
    name = resource.id;
  } else {
    const connection = model.connections.find((c) => c.id === target.connection);
    if (!connection) return null;
    const source = model.resources.find((r) => r.id === connection.from);
    const destination = model.resources.find((r) => r.id === connection.to);
    fields = connectionFields(connection, source ? costKind(source) : "", destination ? costKind(destination) : "");
    name = `${connection.from} → ${connection.to}`;
  }
  if (fields.length === 0) return null;
  return (
    <fieldset className="ff-usage" aria-label={`Usage of ${name}`}>
      <legend>Usage (for the cost estimate)</legend>
      {monthly !== undefined && <div className="ff-usage__cost">Estimated {formatMoney(monthly)} / month at this usage</div>}
      {fields.map((field) => (
        <UsageInput key={field.key} target={target} field={field} value={record?.[field.key]} />
      ))}
    </fieldset>
  );
}

function UsageInput({ target, field, value }: { target: UsageTarget; field: FieldSpec; value: unknown }) {
  const shown = typeof value === "number" || typeof value === "string" ? String(value) : "";
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(shown), [shown]);
  const id = `ff-usage-${"resource" in target ? target.resource : target.connection}-${field.key}`.replace(/[^\w-]/g, "_");
  const commit = (next: string) => {
    const trimmed = next.trim().replace(/[_,\s]/g, "");
    if (trimmed === "") {
      setError(null);
      useStore.getState().setUsageValue(target, field.key, undefined);
      return;
    }
    const n = Number(trimmed);
    if (!Number.isFinite(n) || n < 0) {
      setError("Enter a number of 0 or more.");
      return;
    }
    setError(null);
    if (String(n) !== shown) useStore.getState().setUsageValue(target, field.key, n);
  };
  return (
    <div className="ff-field">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        inputMode="decimal"
        value={text}
        placeholder={field.placeholder}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit(e.currentTarget.value);
        }}
      />
      {error ? <div className="ff-field__error" role="alert">{error}</div> : field.help ? <div className="ff-field__help">{field.help}</div> : null}
    </div>
  );
}
