/**
 * EventBridge rules and schedules invoke their targets (a function or a state machine), and an
 * event bus feeds the rules that listen on it.
 *
 * Recognised: SAM `Schedule`, `ScheduleV2`, `EventBridgeRule` and `CloudWatchEvent` events (from
 * the implicit rule/schedule SAM creates), `Targets` of `AWS::Events::Rule` (with the matching
 * `AWS::Lambda::Permission` or target role), the `Target` of `AWS::Scheduler::Schedule`, and a
 * rule's `EventBusName`.
 *
 * Written: for a rule → function, a target plus the `AWS::Lambda::Permission` that lets
 * events.amazonaws.com invoke it (EventBridge docs, "Amazon EventBridge targets": Lambda targets
 * use resource-based policies); for a rule → state machine, a target plus a role EventBridge
 * assumes to call states:StartExecution; for a Scheduler schedule, its one target plus a role
 * scheduler.amazonaws.com assumes. A bus → function wire writes a SAM `EventBridgeRule` event.
 */
import type { Connection, Resource } from "../model/types";
import { addEventPlan, freeEventName, recogniseEventTriggers, updateEventPlan, type EventTriggerSpec } from "./event-trigger";
import { asRecord, findReferences, type Path } from "./references-walk";
import { makeConnection, refuse, type ConnectPlan, type ConnectionRule, type RuleContext } from "./rule";
import { RULE_EVENT_TYPES, samEvents } from "./sam-events";

const spec: EventTriggerSpec = {
  rule: "eventbridge-to-target",
  eventTypes: Object.keys(RULE_EVENT_TYPES),
  label: (e) => (e.type.startsWith("Schedule") ? String(e.properties.Schedule ?? "schedule") : "event pattern"),
  settings: (e) => (e.type.startsWith("Schedule") ? { schedule: e.properties.Schedule, enabled: e.properties.Enabled ?? e.properties.State } : { pattern: e.properties.Pattern }),
  summary: (e) => `${e.type} event ${e.name} on ${e.owner.id}${e.type.startsWith("Schedule") ? ` runs it on ${String(e.properties.Schedule)}` : ""}`,
  why: (e) => `SAM creates the ${e.type === "ScheduleV2" ? "EventBridge Scheduler schedule and its role" : "EventBridge rule and the permission"} that invokes ${e.owner.id}`,
  settingProperties: { schedule: "Schedule", pattern: "Pattern", enabled: "Enabled" },
};

const TARGET_KINDS = ["function", "state-machine"];

/** Resource ids referenced in more than one place, so a role used elsewhere is never taken as the wire's own. */
function referenceCounts(ctx: RuleContext): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of ctx.model.resources) {
    if (r.implicit) continue;
    for (const ref of findReferences(r.properties)) counts.set(ref.id, (counts.get(ref.id) ?? 0) + 1);
  }
  return counts;
}

function permissionsFor(ctx: RuleContext, fn: string, source: string): Resource[] {
  return ctx.model.resources.filter(
    (r) =>
      r.type === "AWS::Lambda::Permission" &&
      findReferences(r.properties.FunctionName).some((x) => x.id === fn) &&
      findReferences(r.properties.SourceArn).some((x) => x.id === source),
  );
}

function recogniseRules(ctx: RuleContext): Connection[] {
  const out: Connection[] = [];
  const counts = referenceCounts(ctx);
  const ownRole = (roleArn: unknown) => {
    const role = findReferences(roleArn).map((x) => x.id).find((id) => ctx.byId.get(id)?.type === "AWS::IAM::Role");
    return role && counts.get(role) === 1 ? role : undefined;
  };
  const push = (rule: Resource, target: string, path: Path, roleArn: unknown, label: string, targetId?: unknown) => {
    const writes = [{ resource: rule.id, path, description: `target ${target}` }];
    for (const p of permissionsFor(ctx, target, rule.id)) writes.push({ resource: p.id, path: [], description: `permission ${p.id}` });
    const role = ownRole(roleArn);
    if (role) writes.push({ resource: role, path: [], description: `role ${role}` });
    out.push(
      makeConnection({
        // Named by the target's Id (stable when other targets are removed), else its position.
        id: `eventbridge-to-target:${rule.id}->${target}:${typeof targetId === "string" ? `Targets.${targetId}` : path.join(".")}`,
        kind: "trigger",
        from: rule.id,
        to: target,
        rule: "eventbridge-to-target",
        label,
        settings: { schedule: rule.properties.ScheduleExpression, pattern: rule.properties.EventPattern },
        summary: `${rule.id} sends matching events to ${target}`,
        why: ctx.byId.get(target)?.kind === "function" ? "EventBridge invokes the function; a Lambda permission lets it" : "EventBridge delivers to the target",
        writes,
      }),
    );
  };
  for (const r of ctx.model.resources) {
    if (r.implicit) continue;
    const label = typeof r.properties.ScheduleExpression === "string" ? r.properties.ScheduleExpression : "event pattern";
    if (r.type === "AWS::Events::Rule") {
      const targets = r.properties.Targets;
      if (Array.isArray(targets)) {
        targets.forEach((t, i) => {
          const target = findReferences(asRecord(t)?.Arn).map((x) => x.id).find((id) => ctx.byId.has(id) && id !== r.id);
          if (target) push(r, target, ["Properties", "Targets", i], asRecord(t)?.RoleArn, label, asRecord(t)?.Id);
        });
      }
      const bus = findReferences(r.properties.EventBusName).map((x) => x.id).find((id) => ctx.byId.get(id)?.kind === "event-bus");
      if (bus) {
        out.push(
          makeConnection({
            kind: "trigger",
            from: bus,
            to: r.id,
            rule: "eventbridge-to-target",
            label: "routes events",
            settings: {},
            summary: `${r.id} listens on ${bus}`,
            why: "A rule only sees events put on the bus it names",
            writes: [{ resource: r.id, path: ["Properties", "EventBusName"], description: `EventBusName ${bus}` }],
          }),
        );
      }
    } else if (r.type === "AWS::Scheduler::Schedule") {
      const target = asRecord(r.properties.Target);
      const to = findReferences(target?.Arn).map((x) => x.id).find((id) => ctx.byId.has(id));
      if (to) push(r, to, ["Properties", "Target"], target?.RoleArn, label);
    }
  }
  // A SAM EventBridgeRule event on a custom bus: the bus feeds the implicit rule.
  for (const owner of ctx.model.resources) {
    for (const e of samEvents(owner)) {
      if (e.type !== "EventBridgeRule" && e.type !== "CloudWatchEvent") continue;
      const bus = findReferences(e.properties.EventBusName).map((x) => x.id).find((id) => ctx.byId.get(id)?.kind === "event-bus");
      const rule = `${owner.id}${e.name}`;
      if (!bus || !ctx.byId.has(rule)) continue;
      out.push(
        makeConnection({
          kind: "trigger",
          from: bus,
          to: rule,
          rule: "eventbridge-to-target",
          label: "routes events",
          settings: {},
          summary: `The ${e.name} event of ${owner.id} listens on ${bus}`,
          why: "A rule only sees events put on the bus it names",
          writes: [{ resource: owner.id, path: [...e.path, "Properties", "EventBusName"], description: `EventBusName ${bus}` }],
        }),
      );
    }
  }
  return out;
}

function serviceRole(service: string, action: string, resource: unknown): Record<string, unknown> {
  return {
    Type: "AWS::IAM::Role",
    Properties: {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
      },
      Policies: [
        {
          PolicyName: action.replace(/[^A-Za-z]/g, ""),
          PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] },
        },
      ],
    },
  };
}

const targetArn = (to: Resource) => (to.kind === "function" ? { "Fn::GetAtt": [to.id, "Arn"] } : { Ref: to.id });

function freeId(ctx: RuleContext, base: string): string {
  let id = base;
  for (let n = 2; ctx.byId.has(id); n++) id = `${base}${n}`;
  return id;
}

export const eventbridgeToTarget: ConnectionRule = {
  id: "eventbridge-to-target",
  kind: "trigger",
  title: "An EventBridge rule or schedule invokes a function or state machine",
  recognise: (ctx) => [...recogniseEventTriggers(ctx, spec), ...recogniseRules(ctx)],
  canConnect(from, to) {
    if (from.kind === "event-bus") {
      if (to.kind === "event-rule" && !to.implicit && to.properties.EventBusName !== undefined) {
        return refuse(`${to.id} already names the bus it listens on (EventBusName); a rule listens on one bus.`, "Change its EventBusName in the inspector.");
      }
      if (to.kind === "event-rule" && !to.implicit) return { ok: true, rule: "eventbridge-to-target", kind: "trigger", label: "routes events", summary: `${to.id} listens on ${from.id}` };
      if (to.kind === "function" && to.type === "AWS::Serverless::Function") {
        return { ok: true, rule: "eventbridge-to-target", kind: "trigger", label: "event pattern", summary: `Adds an EventBridge rule on ${from.id} that invokes ${to.id}` };
      }
      return refuse(`An event bus delivers events through rules, not straight to a ${to.kind}.`, `Add an EventBridge rule: ${from.id} → rule → ${to.id}.`);
    }
    if (from.kind !== "event-rule" && from.kind !== "schedule") return undefined;
    if (from.implicit) {
      return refuse(`${from.id} is the ${from.kind === "schedule" ? "schedule" : "rule"} SAM creates for an event of ${from.implicit.owner}; it has no targets of its own.`, `Add a new ${from.kind === "schedule" ? "schedule" : "rule"} and connect it.`);
    }
    if (!TARGET_KINDS.includes(to.kind)) {
      return refuse(`Flowform wires EventBridge rules and schedules to functions and state machines, not to a ${to.kind}.`, `Connect ${from.id} → a function that calls ${to.id}.`);
    }
    if (from.type === "AWS::Scheduler::Schedule" && from.properties.Target !== undefined) {
      return refuse(`${from.id} already has its one target (an EventBridge Scheduler schedule has exactly one).`, "Add another schedule.");
    }
    return { ok: true, rule: "eventbridge-to-target", kind: "trigger", label: from.kind === "schedule" ? "schedule" : "event pattern", summary: `${from.id} invokes ${to.id}` };
  },
  connect(ctx, from, to, settings): ConnectPlan {
    if (from.kind === "event-bus" && to.kind === "function") {
      const name = freeEventName(to, settings.event ? String(settings.event) : `${from.id}Events`);
      return addEventPlan(
        to,
        name,
        "EventBridgeRule",
        { EventBusName: { Ref: from.id }, Pattern: settings.pattern ?? { source: ["my.application"] } },
        `Adds the EventBridgeRule event ${name} to ${to.id}: a rule on ${from.id} matching source my.application`,
        "SAM creates the rule on that bus and the permission for EventBridge to invoke the function",
      );
    }
    if (from.kind === "event-bus") {
      return {
        changes: [{ change: "set", path: ["Resources", to.id, "Properties", "EventBusName"], value: { Ref: from.id } }],
        summary: `Sets EventBusName of ${to.id} to ${from.id}`,
        why: "A rule only sees events put on the bus it names",
        touched: [to.id],
      };
    }
    const fn = to.kind === "function";
    if (from.type === "AWS::Scheduler::Schedule") {
      const role = freeId(ctx, `${from.id}Role`);
      return {
        changes: [
          { change: "set", path: ["Resources", from.id, "Properties", "Target"], value: { Arn: targetArn(to), RoleArn: { "Fn::GetAtt": [role, "Arn"] } } },
          { change: "set", path: ["Resources", role], value: serviceRole("scheduler.amazonaws.com", fn ? "lambda:InvokeFunction" : "states:StartExecution", targetArn(to)) },
        ],
        summary: `Sets ${from.id}'s target to ${to.id} and adds the role ${role} that EventBridge Scheduler assumes`,
        why: `EventBridge Scheduler calls its target with a role it assumes; the role may only ${fn ? "invoke this function" : "start this state machine"}`,
        touched: [from.id, role],
      };
    }
    const targets = Array.isArray(from.properties.Targets) ? from.properties.Targets : [];
    const targetIdBase = `${to.id}Target`.slice(0, 64);
    let targetId = targetIdBase;
    for (let n = 2; targets.some((t) => asRecord(t)?.Id === targetId); n++) targetId = `${targetIdBase}${n}`;
    if (fn) {
      const permission = freeId(ctx, `${to.id}${from.id}Permission`);
      return {
        changes: [
          { change: "append", path: ["Resources", from.id, "Properties", "Targets"], value: { Id: targetId, Arn: targetArn(to) } },
          {
            change: "set",
            path: ["Resources", permission],
            value: {
              Type: "AWS::Lambda::Permission",
              Properties: { Action: "lambda:InvokeFunction", FunctionName: { Ref: to.id }, Principal: "events.amazonaws.com", SourceArn: { "Fn::GetAtt": [from.id, "Arn"] } },
            },
          },
        ],
        summary: `Adds ${to.id} to the targets of ${from.id} and the permission ${permission} for EventBridge to invoke it`,
        why: "EventBridge invokes Lambda targets through the function's resource-based policy, which the permission adds",
        touched: [from.id, permission],
      };
    }
    const role = freeId(ctx, `${from.id}${to.id}Role`);
    return {
      changes: [
        { change: "append", path: ["Resources", from.id, "Properties", "Targets"], value: { Id: targetId, Arn: targetArn(to), RoleArn: { "Fn::GetAtt": [role, "Arn"] } } },
        { change: "set", path: ["Resources", role], value: serviceRole("events.amazonaws.com", "states:StartExecution", targetArn(to)) },
      ],
      summary: `Adds ${to.id} to the targets of ${from.id} and the role ${role} EventBridge assumes to start it`,
      why: "EventBridge starts state machine executions with a role it assumes; the role may only start this state machine",
      touched: [from.id, role],
    };
  },
  update: (ctx, connection, settings) =>
    connection.writes[0]?.path.includes("Events") ? updateEventPlan(ctx, connection, spec, settings) : refuse("Edit the rule's schedule or pattern on the rule itself."),
};
