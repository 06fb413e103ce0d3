/**
 * Writing a CloudFormation template as JSON or as YAML with intrinsic short forms
 * (`!Ref X`, `!GetAtt A.B`, `!Sub …`), the way people write templates by hand.
 */
import { Document, Scalar, YAMLMap, YAMLSeq, isMap, isSeq, type Node as YamlNode } from "yaml";
import { isPlainObject } from "../validate/intrinsics";

const SHORT_TAGS: Record<string, string> = {
  Ref: "!Ref",
  Condition: "!Condition",
  "Fn::Sub": "!Sub",
  "Fn::GetAtt": "!GetAtt",
  "Fn::If": "!If",
  "Fn::Join": "!Join",
  "Fn::Select": "!Select",
  "Fn::Split": "!Split",
  "Fn::FindInMap": "!FindInMap",
  "Fn::Base64": "!Base64",
  "Fn::Cidr": "!Cidr",
  "Fn::GetAZs": "!GetAZs",
  "Fn::ImportValue": "!ImportValue",
  "Fn::Equals": "!Equals",
  "Fn::Not": "!Not",
  "Fn::And": "!And",
  "Fn::Or": "!Or",
  "Fn::Length": "!Length",
  "Fn::ToJsonString": "!ToJsonString",
};

export function toJson(template: unknown): string {
  return JSON.stringify(template, null, 2) + "\n";
}

function build(doc: Document, value: unknown, inConditionFunction: boolean): YamlNode {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    for (const item of value) seq.items.push(build(doc, item, inConditionFunction));
    return seq;
  }
  if (isPlainObject(value) && !(value instanceof Date)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && SHORT_TAGS[keys[0]]) {
      const key = keys[0];
      // `{Condition: X}` is only a function inside condition functions; elsewhere it is a key.
      if (key !== "Condition" || inConditionFunction) {
        const arg = value[key];
        const isCond = key === "Fn::And" || key === "Fn::Or" || key === "Fn::Not" || key === "Fn::If" || key === "Fn::Equals";
        let node: YamlNode;
        if (key === "Fn::GetAtt" && Array.isArray(arg) && arg.length === 2 && arg.every((a) => typeof a === "string")) {
          node = new Scalar(`${arg[0]}.${arg[1]}`);
        } else {
          node = build(doc, arg, isCond);
        }
        // YAML cannot tag a node that is itself a tagged short form inside a scalar position in some
        // cases (e.g. `!Sub` holding `!Ref`) — nested tags on collections are fine.
        if (isMap(node) || isSeq(node) || node instanceof Scalar) {
          node.tag = SHORT_TAGS[key];
          return node;
        }
      }
    }
    const map = new YAMLMap();
    for (const [k, v] of Object.entries(value)) map.items.push(doc.createPair(k, build(doc, v, inConditionFunction)) as never);
    return map;
  }
  const scalar = new Scalar(value instanceof Date ? value.toISOString() : value);
  return scalar;
}

/** YAML text with short-form intrinsics. */
export function toYaml(template: unknown): string {
  // YAML 1.1 rules for quoting, so "2012-10-17", "yes" or "0755" stay strings for every parser
  // (CloudFormation's and PyYAML-based tools read YAML 1.1).
  const doc = new Document(undefined, { version: "1.1" });
  doc.contents = build(doc, template, false) as never;
  return doc.toString({ lineWidth: 0 });
}
