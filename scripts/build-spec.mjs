#!/usr/bin/env node
// Builds the compact resource specification Flowform validates against and the renderer's
// generic cards read, from data that ships with the app's dependencies (nothing is fetched):
//
//  - resources/spec/cloudformation.json: every CloudFormation resource type from
//    @aws-cdk/aws-service-spec (Apache-2.0, cdklabs/awscdk-service-spec): properties with their
//    type shape (primitive / list / map / nested type / union), required flags, allowed values,
//    and the attribute names `Fn::GetAtt` accepts. Documentation strings are dropped.
//  - resources/spec/sam.json: the JSON schema of the AWS::Serverless::* resources and Globals,
//    reduced to what validation uses (types, properties, required, enum, anyOf/allOf/$ref).
//    Source: schema_source/sam.schema.json of aws/serverless-application-model @ 7000d0a3
//    (Apache-2.0), read from ../shared/corpus/schemas at build time only. When that folder is
//    absent the committed resources/spec/sam.json is kept as it is.
//
// Usage: node scripts/build-spec.mjs [--check]   (--check: exit 1 when the committed files are stale)
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/** Turn a service-spec type into a compact shape: "string" | {l} | {m} | {r} | {u}. */
function shapeOf(type, refName) {
  switch (type.type) {
    case "string":
    case "integer":
    case "number":
    case "boolean":
    case "json":
    case "tag":
    case "date-time":
    case "null":
      return type.type;
    case "array":
      return { l: shapeOf(type.element, refName) };
    case "map":
      return { m: shapeOf(type.element, refName) };
    case "ref": {
      // A few previous types point at definitions the database no longer holds: accept anything there.
      const name = refName(type.reference.$ref);
      return name ? { r: name } : "json";
    }
    case "union":
      return unionOf(type.types.map((t) => shapeOf(t, refName)));
    default:
      return "json";
  }
}

/** A union with nested unions flattened and duplicates removed (a single member stands alone). */
function unionOf(shapes) {
  const members = [];
  for (const s of shapes.flatMap((s) => (typeof s === "object" && s.u ? s.u : [s]))) {
    if (!members.some((m) => sameShape(m, s))) members.push(s);
  }
  return members.length === 1 ? members[0] : { u: members };
}

function sameShape(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compactProperties(properties, refName) {
  const out = {};
  for (const [name, prop] of Object.entries(properties ?? {})) {
    let t = shapeOf(prop.type, refName);
    // CloudFormation still accepts a property's previous type (the spec keeps them for that reason).
    const previous = (prop.previousTypes ?? []).map((p) => shapeOf(p, refName)).filter((p) => !sameShape(p, t));
    if (previous.length > 0) t = unionOf([t, ...previous]);
    const entry = { t };
    if (prop.required) entry.req = 1;
    if (prop.type.type === "string" && Array.isArray(prop.type.allowedValues) && prop.type.allowedValues.length > 0) {
      entry.enum = prop.type.allowedValues;
    }
    out[name] = entry;
  }
  return out;
}

export function buildCloudFormationSpec() {
  const pkgPath = require.resolve("@aws-cdk/aws-service-spec/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  const db = JSON.parse(gunzipSync(readFileSync(join(dirname(pkgPath), "db.json.gz"))).toString("utf8"));
  const resources = db.schema.resource.entities;
  // Entities are stored by position; references and relations use their $id.
  const typeDefs = Object.fromEntries(Object.values(db.schema.typeDefinition.entities).map((t) => [t.$id, t]));
  const usesType = db.schema.usesType.forward;

  // Each nested type is named "<ResourceType>.<TypeName>", as in CloudFormation's own spec.
  const owner = new Map();
  for (const res of Object.values(resources)) {
    for (const link of usesType[res.$id] ?? []) if (!owner.has(link.$id)) owner.set(link.$id, res.cloudFormationType);
  }
  const nameOf = (id) => (typeDefs[id] ? `${owner.get(id) ?? "Unknown"}.${typeDefs[id].name}` : null);

  const outResources = {};
  const outTypes = {};
  const sortedResources = Object.values(resources).sort((a, b) => a.cloudFormationType.localeCompare(b.cloudFormationType));
  for (const res of sortedResources) {
    const entry = { p: compactProperties(res.properties, nameOf), a: Object.keys(res.attributes ?? {}).sort() };
    outResources[res.cloudFormationType] = entry;
  }
  const typeIds = [...owner.keys()].filter((id) => typeDefs[id]).sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  for (const id of typeIds) {
    const def = typeDefs[id];
    if (!def) continue;
    if (outTypes[nameOf(id)]) continue;
    outTypes[nameOf(id)] = { p: compactProperties(def.properties, nameOf) };
  }
  return {
    source: `@aws-cdk/aws-service-spec ${pkg.version} (Apache-2.0, github.com/cdklabs/awscdk-service-spec)`,
    resources: outResources,
    types: outTypes,
  };
}

const DROP_KEYS = new Set(["markdownDescription", "description", "__samPassThrough", "title", "examples", "default"]);

/** Keep the parts of the SAM schema that validation reads, for AWS::Serverless::* and Globals. */
export function buildSamSpec(schemaPath) {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const defs = schema.definitions;
  const resourceRefs = schema.properties.Resources.additionalProperties.anyOf.map((r) => r.$ref);
  const resources = {};
  const needed = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    if (typeof node.$ref === "string") {
      const name = node.$ref.replace("#/definitions/", "");
      if (!needed.has(name)) {
        needed.add(name);
        visit(defs[name]);
      }
    }
    for (const [k, v] of Object.entries(node)) if (!DROP_KEYS.has(k)) visit(v);
  };
  for (const ref of resourceRefs) {
    const name = ref.replace("#/definitions/", "");
    const def = defs[name];
    const type = def?.properties?.Type?.enum?.[0];
    if (!type || !type.startsWith("AWS::Serverless::")) continue;
    resources[type] = def.properties.Properties ?? {};
    visit(resources[type]);
  }
  const globals = schema.properties.Globals;
  visit(globals);
  const strip = (node) => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== "object") return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) if (!DROP_KEYS.has(k)) out[k] = strip(v);
    return out;
  };
  const definitions = {};
  for (const name of [...needed].sort()) definitions[name] = strip(defs[name]);
  const outResources = {};
  for (const [k, v] of Object.entries(resources)) outResources[k] = strip(v);
  return {
    source: "aws/serverless-application-model @ 7000d0a3b0e5e0d9fca014ce135850718aad1290, schema_source/sam.schema.json (Apache-2.0)",
    resources: outResources,
    globals: strip(globals),
    definitions,
  };
}

/**
 * SAM policy templates (name → parameters and IAM statements with `{ Ref: Param }` placeholders).
 *
 * Most are derived from SAM's own "kitchen sink" translator test, which expands every policy
 * template it had when written: tests/translator/input/all_policy_templates.yaml and
 * output/all_policy_templates.json (aws/serverless-application-model @ 7000d0a3, Apache-2.0). The
 * output keeps each parameter as a `Fn::Sub` variable named after it (`queueName` for
 * QueueName), which is what makes the placeholders recoverable.
 *
 * Templates that test does not expand are then read the same way from the other translator tests
 * that use them (e.g. AWSSecretsManagerGetSecretValuePolicy from
 * function_with_conditional_policy_template, where it is one branch of an `Fn::If`), and last
 * from DOCUMENTED_TEMPLATES for the ones no translator test expands.
 */
export function buildPolicyTemplates(translatorDir, parseYaml) {
  const templates = {};
  const sources = [];
  const read = (name) => {
    const added = templatesFromTest(
      parseYaml(readFileSync(join(translatorDir, "input", `${name}.yaml`), "utf8")),
      JSON.parse(readFileSync(join(translatorDir, "output", `${name}.json`), "utf8")),
      templates,
    );
    if (added.length > 0) sources.push(name === "all_policy_templates" ? name : `${name} (${added.join(", ")})`);
  };
  read("all_policy_templates");
  const others = readdirSync(join(translatorDir, "input"))
    .filter((f) => f.endsWith(".yaml") && !f.startsWith("error_") && f !== "all_policy_templates.yaml")
    .map((f) => f.slice(0, -".yaml".length))
    .filter((n) => existsSync(join(translatorDir, "output", `${n}.json`)))
    .sort();
  for (const name of others) read(name);
  const documented = [];
  for (const [name, template] of Object.entries(DOCUMENTED_TEMPLATES)) {
    if (templates[name]) continue;
    templates[name] = template;
    documented.push(name);
  }
  return {
    source:
      "aws/serverless-application-model @ 7000d0a3b0e5e0d9fca014ce135850718aad1290, tests/translator/{input,output}/" +
      sources.join(", ") +
      " (Apache-2.0)" +
      (documented.length > 0 ? `; ${documented.join(", ")} from ${DOCUMENTED_SOURCE}` : ""),
    templates,
  };
}

/** An `Fn::If` policy entry's two branches, whether the YAML tag was read as a mapping or (untagged) as a list. */
function ifBranches(entry) {
  if (Array.isArray(entry) && entry.length === 3) return [entry[1], entry[2]];
  if (entry && typeof entry === "object" && Array.isArray(entry["Fn::If"]) && entry["Fn::If"].length === 3) return entry["Fn::If"].slice(1);
  return null;
}

/** `{ Name: { ...args } }` when a policy entry is a policy template, else null. */
function templateEntry(entry) {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return null;
  const keys = Object.keys(entry);
  if (keys.length !== 1 || keys[0] === "Statement" || keys[0] === "Ref" || keys[0].startsWith("Fn::")) return null;
  const args = entry[keys[0]];
  if (args !== null && args !== undefined && (typeof args !== "object" || Array.isArray(args))) return null;
  return { name: keys[0], params: Object.keys(args ?? {}) };
}

/**
 * Adds to `templates` each policy template a translator test's functions use that is not there
 * yet, recovered from the inline policy SAM wrote for it (`<Fn>RolePolicy<index>`, possibly
 * inside an `Fn::If`). Returns the names added.
 */
function templatesFromTest(input, output, templates) {
  const added = [];
  for (const [fnId, fn] of Object.entries(input?.Resources ?? {})) {
    if (fn?.Type !== "AWS::Serverless::Function" || !Array.isArray(fn.Properties?.Policies)) continue;
    const rolePolicies = output.Resources?.[`${fnId}Role`]?.Properties?.Policies;
    if (!Array.isArray(rolePolicies)) continue;
    fn.Properties.Policies.forEach((entry, i) => {
      const policyName = `${fnId}RolePolicy${i}`;
      const branches = ifBranches(entry);
      const candidates = branches
        ? branches.map((b, k) => [b, (p) => ifBranches(p)?.[k]])
        : [[entry, (p) => p]];
      for (const [candidate, pick] of candidates) {
        const t = templateEntry(candidate);
        if (!t || templates[t.name]) continue;
        const policy = rolePolicies.map(pick).find((p) => p?.PolicyName === policyName);
        if (!policy) continue;
        templates[t.name] = { Parameters: t.params, Statement: withPlaceholders(policy.PolicyDocument.Statement, t.params) };
        added.push(t.name);
      }
    });
  }
  return added;
}

/** Statements with each parameter's `Fn::Sub` variable turned back into `{ Ref: Param }`. */
function withPlaceholders(statement, params) {
  const byLower = new Map(params.map((p) => [p.toLowerCase(), p]));
  const placeholder = (varName) => byLower.get(varName.toLowerCase()) ?? (params.length === 1 ? params[0] : undefined);
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== "object") return node;
    const sub = node["Fn::Sub"];
    if (Array.isArray(sub) && sub[1] && typeof sub[1] === "object") {
      const vars = {};
      for (const [k, v] of Object.entries(sub[1])) {
        const param = placeholder(k);
        vars[k] = param ? { Ref: param } : rewrite(v);
      }
      return { "Fn::Sub": [sub[0], vars] };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewrite(v)]));
  };
  return rewrite(statement);
}

const DOCUMENTED_SOURCE =
  "the AWS SAM Developer Guide's policy template list (awsdocs/aws-sam-developer-guide @ 945d5acc, doc_source/serverless-policy-template-list.md)";

/**
 * Policy templates used in the corpus (../shared/corpus/serverless-patterns) that no SAM
 * translator test expands, as the AWS SAM Developer Guide's policy template list documents
 * their statements (see DOCUMENTED_SOURCE). Placeholders are written as the translator-derived
 * ones are: `{ Ref: Param }` inside the `Fn::Sub` variables. Keys are sorted as SAM's outputs are.
 */
const DOCUMENTED_TEMPLATES = {
  // Mount an EFS file system with write access, through the given access point only.
  EFSWriteAccessPolicy: {
    Parameters: ["FileSystem", "AccessPoint"],
    Statement: [
      {
        Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        Condition: {
          StringEquals: {
            "elasticfilesystem:AccessPointArn": {
              "Fn::Sub": [
                "arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:access-point/${AccessPoint}",
                { AccessPoint: { Ref: "AccessPoint" } },
              ],
            },
          },
        },
        Effect: "Allow",
        Resource: {
          "Fn::Sub": [
            "arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/${FileSystem}",
            { FileSystem: { Ref: "FileSystem" } },
          ],
        },
      },
    ],
  },
};

function writeIfChanged(path, data, check) {
  const text = JSON.stringify(data) + "\n";
  const old = existsSync(path) ? readFileSync(path, "utf8") : "";
  if (old === text) return false;
  if (check) {
    console.error(`${path} is stale; run node scripts/build-spec.mjs`);
    process.exitCode = 1;
    return true;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return true;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const check = process.argv.includes("--check");
  const started = Date.now();
  const cfn = buildCloudFormationSpec();
  const cfnPath = join(root, "resources/spec/cloudformation.json");
  const wroteCfn = writeIfChanged(cfnPath, cfn, check);
  const samSchema = resolve(root, "../shared/corpus/schemas/schema_source/sam.schema.json");
  const samPath = join(root, "resources/spec/sam.json");
  let wroteSam = false;
  if (existsSync(samSchema)) wroteSam = writeIfChanged(samPath, buildSamSpec(samSchema), check);
  const translator = resolve(root, "../shared/corpus/sam-translator");
  const policyPath = join(root, "resources/spec/sam-policy-templates.json");
  if (existsSync(join(translator, "input/all_policy_templates.yaml"))) {
    const { parse } = await import("yaml");
    // Short-form intrinsics (!If, !Ref) are read untagged: an `!If` policy entry becomes a list.
    writeIfChanged(policyPath, buildPolicyTemplates(translator, (t) => parse(t, { customTags: [], logLevel: "silent" })), check);
  }
  const size = (p) => (existsSync(p) ? `${(readFileSync(p).length / 1024).toFixed(0)} KiB` : "missing");
  console.log(
    `spec: ${Object.keys(cfn.resources).length} resource types, ${Object.keys(cfn.types).length} nested types; ` +
      `cloudformation.json ${size(cfnPath)}${wroteCfn ? " (written)" : ""}, sam.json ${size(samPath)}${wroteSam ? " (written)" : ""}, sam-policy-templates.json ${size(policyPath)}, ` +
      `${Date.now() - started} ms`,
  );
}
