/**
 * IAM changes in words, derived from the old and new templates: new roles and policies, the
 * execution roles SAM generates for functions without a `Role`, and what each grants. The
 * change set alone says only "AWS::IAM::Role Add"; people need to read what it allows.
 * SAM facts: a function without `Role` gets a generated role `<LogicalId>Role` with the
 * AWSLambdaBasicExecutionRole managed policy plus its `Policies` (AWS SAM docs,
 * AWS::Serverless::Function "Role" and "Policies" properties).
 */

export interface IamChange {
  action: "add" | "modify" | "remove";
  /** Logical ID of the role/policy (or of the function whose generated role it is). */
  logicalId: string;
  /** One sentence, e.g. "New execution role for function GetOrders: …". */
  summary: string;
  /** Each grant in words ("Allow dynamodb:GetItem, dynamodb:Query on OrdersTable"). */
  grants: string[];
  /** True when a grant is broad: every action or every resource. */
  broad: boolean;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A template value in words: `Ref X` → X, `GetAtt X.Arn` → X, Sub keeps its text. */
export function valueInWords(value: unknown): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  const v = asRecord(value);
  if (typeof v.Ref === "string") return v.Ref;
  if (v["Fn::GetAtt"] !== undefined) {
    const g = v["Fn::GetAtt"];
    const [id, attr] = Array.isArray(g) ? [String(g[0]), String(g[1])] : String(g).split(/\.(.*)/s);
    // An ARN is the resource itself in words; other attributes are named (OrdersTable.StreamArn).
    return attr && attr !== "Arn" ? `${id}.${attr}` : id;
  }
  if (v["Fn::Select"] !== undefined) {
    const [index, items] = v["Fn::Select"] as [unknown, unknown];
    return `item ${valueInWords(index)} of ${Array.isArray(items) ? `[${items.map(valueInWords).join(", ")}]` : valueInWords(items)}`;
  }
  if (v["Fn::Split"] !== undefined) {
    const [sep, source] = v["Fn::Split"] as [string, unknown];
    return `${valueInWords(source)} split on "${sep}"`;
  }
  if (v["Fn::Sub"] !== undefined) {
    const s = v["Fn::Sub"];
    return String(Array.isArray(s) ? s[0] : s);
  }
  if (v["Fn::Join"] !== undefined) {
    const [sep, items] = v["Fn::Join"] as [string, unknown[]];
    return list(items).map(valueInWords).join(sep);
  }
  if (v["Fn::ImportValue"] !== undefined) return `import ${valueInWords(v["Fn::ImportValue"])}`;
  if (v["Fn::If"] !== undefined) {
    const [cond, a, b] = v["Fn::If"] as [string, unknown, unknown];
    return `${valueInWords(a)} or ${valueInWords(b)} (condition ${cond})`;
  }
  return JSON.stringify(value);
}

function isWildcard(value: unknown): boolean {
  return value === "*";
}

/** One policy statement in words, and whether it is broad. */
function statementInWords(statement: unknown): { text: string; broad: boolean } {
  const s = asRecord(statement);
  const effect = s.Effect === "Deny" ? "Deny" : "Allow";
  const actions = list(s.Action ?? s.NotAction);
  const resources = list(s.Resource ?? s.NotResource);
  const broad = effect === "Allow" && (actions.some((a) => isWildcard(a) || (typeof a === "string" && a.endsWith(":*"))) || resources.some(isWildcard));
  const actionText = actions.length ? actions.map(valueInWords).join(", ") : "(no actions)";
  const not = s.NotAction !== undefined ? "everything except " : "";
  const resourceText = resources.length ? resources.map((r) => (isWildcard(r) ? "every resource (*)" : valueInWords(r))).join(", ") : "(no resources)";
  const onText = s.NotResource !== undefined ? `every resource except ${resourceText}` : resourceText;
  return { text: `${effect} ${not}${actionText} on ${onText}`, broad };
}

function documentInWords(doc: unknown): { grants: string[]; broad: boolean } {
  const statements = list(asRecord(doc).Statement);
  const words = statements.map(statementInWords);
  return { grants: words.map((w) => w.text), broad: words.some((w) => w.broad) };
}

/** A SAM `Policies` entry in words: managed policy name, policy template, or inline document. */
function samPolicyInWords(policy: unknown): { text: string; broad: boolean }[] {
  if (typeof policy === "string") return [{ text: `AWS managed policy ${policy}`, broad: /FullAccess$|^AdministratorAccess$/.test(policy) }];
  const p = asRecord(policy);
  if (p.Statement !== undefined) {
    const doc = documentInWords(p);
    return doc.grants.map((g) => ({ text: g, broad: doc.broad }));
  }
  const [name] = Object.keys(p);
  if (!name) return [];
  if (typeof p.Ref === "string" || p["Fn::GetAtt"] !== undefined || p["Fn::Sub"] !== undefined) return [{ text: `managed policy ${valueInWords(p)}`, broad: false }];
  const args = asRecord(p[name]);
  const targets = Object.values(args).map(valueInWords).filter(Boolean);
  // SAM policy templates are named <Service><Level>Policy (e.g. DynamoDBCrudPolicy, SQSPollerPolicy).
  return [{ text: `${name}${targets.length ? ` on ${targets.join(", ")}` : ""} (SAM policy template)`, broad: false }];
}

interface Principal { role: string; grants: string[]; broad: boolean; owner?: string; kind: "role" | "policy" | "generated-role" }

/** Everything IAM a template defines, keyed by logical ID. */
function principals(template: Record<string, unknown> | undefined): Map<string, Principal> {
  const out = new Map<string, Principal>();
  const resources = asRecord(template?.Resources);
  const globalsFunction = asRecord(asRecord(template?.Globals).Function);
  for (const [id, raw] of Object.entries(resources)) {
    const r = asRecord(raw);
    const props = asRecord(r.Properties);
    if (r.Type === "AWS::IAM::Role") {
      const trusted = list(asRecord(props.AssumeRolePolicyDocument).Statement)
        .flatMap((s) => list(asRecord(asRecord(s).Principal).Service).map(valueInWords));
      const grants: string[] = [];
      let broad = false;
      if (trusted.length) grants.push(`Can be assumed by ${trusted.join(", ")}`);
      for (const m of list(props.ManagedPolicyArns)) {
        const name = valueInWords(m).split("/").pop()!;
        grants.push(`AWS managed policy ${name}`);
        broad ||= /FullAccess$|^AdministratorAccess$/.test(name);
      }
      for (const p of list(props.Policies)) {
        const doc = documentInWords(asRecord(p).PolicyDocument);
        grants.push(...doc.grants);
        broad ||= doc.broad;
      }
      out.set(id, { role: id, grants, broad, kind: "role" });
    } else if (r.Type === "AWS::IAM::Policy" || r.Type === "AWS::IAM::ManagedPolicy" || r.Type === "AWS::IAM::RolePolicy") {
      const doc = documentInWords(props.PolicyDocument);
      const attached = [...list(props.Roles), ...list(props.RoleName)].map(valueInWords);
      out.set(id, { role: attached.join(", "), grants: doc.grants, broad: doc.broad, kind: "policy" });
    } else if (r.Type === "AWS::Serverless::Function" && props.Role === undefined && globalsFunction.Role === undefined) {
      const policies = list(props.Policies ?? globalsFunction.Policies);
      const words = policies.flatMap(samPolicyInWords);
      const grants = ["Can be assumed by lambda.amazonaws.com", "AWS managed policy AWSLambdaBasicExecutionRole (write logs)", ...words.map((w) => w.text)];
      out.set(`${id}Role`, { role: `${id}Role`, grants, broad: words.some((w) => w.broad), owner: id, kind: "generated-role" });
    }
  }
  return out;
}

function describe(p: Principal, id: string, action: IamChange["action"]): string {
  const verb = action === "add" ? "New" : action === "remove" ? "Removed" : "Changed";
  if (p.kind === "generated-role") return `${verb} execution role for function ${p.owner} (${id}, generated by SAM)`;
  if (p.kind === "policy") return `${verb} policy ${id}${p.role ? ` attached to ${p.role}` : ""}`;
  return `${verb} role ${id}`;
}

/** IAM changes between two templates (old is undefined for a new stack). */
export function iamChanges(before: Record<string, unknown> | undefined, after: Record<string, unknown>): IamChange[] {
  const old = principals(before);
  const next = principals(after);
  const changes: IamChange[] = [];
  for (const [id, p] of next) {
    const prev = old.get(id);
    if (!prev) {
      changes.push({ action: "add", logicalId: id, summary: describe(p, id, "add"), grants: p.grants, broad: p.broad });
      continue;
    }
    const added = p.grants.filter((g) => !prev.grants.includes(g));
    const removed = prev.grants.filter((g) => !p.grants.includes(g));
    if (added.length || removed.length || prev.role !== p.role) {
      changes.push({
        action: "modify", logicalId: id, summary: describe(p, id, "modify"),
        grants: [...added.map((g) => `adds: ${g}`), ...removed.map((g) => `removes: ${g}`)], broad: p.broad && added.length > 0,
      });
    }
  }
  for (const [id, p] of old) {
    if (!next.has(id)) changes.push({ action: "remove", logicalId: id, summary: describe(p, id, "remove"), grants: [], broad: false });
  }
  return changes;
}
