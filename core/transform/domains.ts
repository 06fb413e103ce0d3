/**
 * A REST or HTTP API's `Domain`: the custom domain name, its mappings to the API's stage and,
 * with `Route53`, the alias records. Resources and IDs as the SAM developer guide lists them
 * under "Generated AWS CloudFormation resources" for Domain:
 * - REST: `ApiGatewayDomainName<hash>` (AWS::ApiGateway::DomainName; for a PRIVATE endpoint
 *   `ApiGatewayDomainNameV2<hash>`, AWS::ApiGateway::DomainNameV2, with
 *   `DomainNameAccessAssociation<hash>` for its VPC endpoint) and `<Api><BasePath>BasePathMapping`
 *   per base path (AWS::ApiGateway::BasePathMapping / BasePathMappingV2);
 * - HTTP: `ApiGatewayDomainNameV2<hash>` (AWS::ApiGatewayV2::DomainName) and
 *   `<Api><BasePath>ApiMapping`;
 * - `RecordSetGroup<hash>` (AWS::Route53::RecordSetGroup) per hosted zone, shared by the APIs
 *   that name the same zone unless `SeparateRecordSetGroup` is set.
 * The hashes are SAM's (`samIdHash`) of the domain name / hosted zone, so IDs stay the same as
 * with the SAM transform.
 */
import { isPlainObject } from "../validate/intrinsics";
import { conditionOf, getAtt, pick, ref, samIdHash, withParameterDefaults, type JsonObject, type TransformContext } from "./context";

/** Alias target hosted zone of every CloudFront distribution (Route 53 API reference, AliasTarget "HostedZoneId"). */
const CLOUDFRONT_HOSTED_ZONE = "Z2FDTNDATAQYW2";

interface RecordGroup {
  props: JsonObject;
  records: JsonObject[];
  /** Conditions of the APIs that added records (the group is conditional only when they all share one). */
  conditions: unknown[];
}

/** Record set groups by logical ID, per transform (APIs of one template share them). */
const groups = new WeakMap<TransformContext, Map<string, RecordGroup>>();

export interface ApiDomainTarget {
  apiId: string;
  api: JsonObject;
  stageId: string;
  kind: "rest" | "http";
  /** Tags of an ApiGatewayV2 domain (HTTP: SAM's own tag; WebSocket: SAM's tag plus the API's with PropagateTags). */
  tags?: JsonObject;
}

/** Base paths as written: one string or a list; anything else cannot be mapped here. */
function basePaths(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.every((p) => typeof p === "string") ? (list as string[]) : undefined;
}

const alnum = (s: string) => s.replace(/[^A-Za-z0-9]/g, "");

export function addDomain(ctx: TransformContext, target: ApiDomainTarget, domain: unknown): void {
  const { apiId, api, stageId, kind } = target;
  if (!isPlainObject(domain) || domain.DomainName === undefined || domain.CertificateArn === undefined) {
    ctx.unsupported.push(`${apiId}: Domain without DomainName and CertificateArn`);
    return;
  }
  // The endpoint type decides which resources exist, so it must be known here (SAM default REGIONAL).
  const endpoint = domain.EndpointConfiguration ?? "REGIONAL";
  const allowed = kind === "rest" ? ["EDGE", "REGIONAL", "PRIVATE"] : ["REGIONAL"];
  if (typeof endpoint !== "string" || !allowed.includes(endpoint)) {
    ctx.unsupported.push(`${apiId}: Domain.EndpointConfiguration ${typeof endpoint === "string" ? endpoint : "given by an intrinsic function"}`);
    return;
  }
  const paths = basePaths(domain.BasePath);
  if (!paths) {
    ctx.unsupported.push(`${apiId}: Domain.BasePath given by an intrinsic function`);
    return;
  }
  const condition = conditionOf(api);
  const nameHash = samIdHash(withParameterDefaults(ctx.template, domain.DomainName));
  const privateRest = kind === "rest" && endpoint === "PRIVATE";
  const domainId = `ApiGatewayDomainName${kind === "http" || privateRest ? "V2" : ""}${nameHash}`;
  const endpointConfiguration = { Types: [endpoint], ...pick(domain, ["IpAddressType"]) };

  if (kind === "http") {
    const configuration: JsonObject = { CertificateArn: domain.CertificateArn, EndpointType: endpoint, ...pick(domain, ["SecurityPolicy", "OwnershipVerificationCertificateArn", "IpAddressType"]) };
    ctx.resources[domainId] = {
      Type: "AWS::ApiGatewayV2::DomainName",
      ...condition,
      Properties: { DomainName: domain.DomainName, DomainNameConfigurations: [configuration], ...pick(domain, ["MutualTlsAuthentication"]), Tags: target.tags ?? { "httpapi:createdBy": "SAM" } },
    };
  } else if (privateRest) {
    ctx.resources[domainId] = {
      Type: "AWS::ApiGateway::DomainNameV2",
      ...condition,
      Properties: { DomainName: domain.DomainName, CertificateArn: domain.CertificateArn, EndpointConfiguration: endpointConfiguration, ...pick(domain, ["SecurityPolicy", "Policy", "EndpointAccessMode"]) },
    };
    const association = isPlainObject(domain.AccessAssociation) ? domain.AccessAssociation : undefined;
    if (association?.VpcEndpointId !== undefined) {
      const associationId = `DomainNameAccessAssociation${samIdHash([withParameterDefaults(ctx.template, association.VpcEndpointId), domainId])}`;
      ctx.resources[associationId] = {
        Type: "AWS::ApiGateway::DomainNameAccessAssociation",
        ...condition,
        Properties: { DomainNameArn: ref(domainId), AccessAssociationSource: association.VpcEndpointId, AccessAssociationSourceType: "VPCE" },
      };
    }
  } else {
    ctx.resources[domainId] = {
      Type: "AWS::ApiGateway::DomainName",
      ...condition,
      Properties: {
        DomainName: domain.DomainName,
        EndpointConfiguration: endpointConfiguration,
        // An edge-optimized name uses a certificate in us-east-1, a regional one a certificate in the API's region (API Gateway developer guide, "Custom domain names").
        [endpoint === "EDGE" ? "CertificateArn" : "RegionalCertificateArn"]: domain.CertificateArn,
        ...pick(domain, ["MutualTlsAuthentication", "SecurityPolicy", "OwnershipVerificationCertificateArn", "EndpointAccessMode"]),
      },
    };
  }

  // One mapping per base path; none maps the whole domain to the stage.
  const normalise = domain.NormalizeBasePath !== false;
  for (const path of paths.length > 0 ? paths : [undefined]) {
    if (kind === "http") {
      const key = path?.replace(/^\/+|\/+$/g, "");
      ctx.resources[`${apiId}${path === undefined ? "" : alnum(path)}ApiMapping`] = {
        Type: "AWS::ApiGatewayV2::ApiMapping",
        ...condition,
        Properties: { ApiId: ref(apiId), DomainName: ref(domainId), Stage: ref(stageId), ...(key ? { ApiMappingKey: key } : {}) },
      };
      continue;
    }
    const props: JsonObject = { RestApiId: ref(apiId), Stage: ref(stageId), [privateRest ? "DomainNameArn" : "DomainName"]: ref(domainId) };
    // NormalizeBasePath (default true) removes the characters other than letters and digits (SAM developer guide, DomainConfiguration).
    if (path !== undefined) props.BasePath = normalise ? alnum(path) : path;
    ctx.resources[`${apiId}${path === undefined ? "" : alnum(path)}BasePathMapping`] = { Type: privateRest ? "AWS::ApiGateway::BasePathMappingV2" : "AWS::ApiGateway::BasePathMapping", ...condition, Properties: props };
  }

  if (isPlainObject(domain.Route53)) addRecords(ctx, domain, domain.Route53 as JsonObject, domainId, endpoint, condition.Condition);
}

function addRecords(ctx: TransformContext, domain: JsonObject, route53: JsonObject, domainId: string, endpoint: string, condition: unknown): void {
  const zone = route53.HostedZoneId !== undefined ? { HostedZoneId: route53.HostedZoneId } : route53.HostedZoneName !== undefined ? { HostedZoneName: route53.HostedZoneName } : undefined;
  if (!zone) {
    ctx.unsupported.push(`${domainId}: Domain.Route53 without HostedZoneId or HostedZoneName`);
    return;
  }
  const zoneValue = withParameterDefaults(ctx.template, Object.values(zone)[0]);
  const groupId = `RecordSetGroup${samIdHash(route53.SeparateRecordSetGroup === true ? [zoneValue, withParameterDefaults(ctx.template, domain.DomainName)] : zoneValue)}`;
  const alias: JsonObject =
    endpoint === "PRIVATE"
      ? { DNSName: route53.VpcEndpointDomainName, HostedZoneId: route53.VpcEndpointHostedZoneId }
      : endpoint === "EDGE"
        ? { DNSName: route53.DistributionDomainName ?? getAtt(domainId, "DistributionDomainName"), HostedZoneId: CLOUDFRONT_HOSTED_ZONE }
        : { DNSName: getAtt(domainId, "RegionalDomainName"), HostedZoneId: getAtt(domainId, "RegionalHostedZoneId") };
  if (route53.EvaluateTargetHealth !== undefined) alias.EvaluateTargetHealth = route53.EvaluateTargetHealth;
  const types = route53.IpV6 === true ? ["A", "AAAA"] : ["A"];
  const byId = groups.get(ctx) ?? new Map<string, RecordGroup>();
  groups.set(ctx, byId);
  const group: RecordGroup = byId.get(groupId) ?? { props: zone, records: [], conditions: [] };
  byId.set(groupId, group);
  for (const type of types) {
    const record = { Name: domain.DomainName, Type: type, AliasTarget: alias, ...pick(route53, ["Region", "SetIdentifier"]) };
    // Two APIs on one domain name need its records once (a record set group may not repeat a record).
    if (!group.records.some((r) => JSON.stringify(r) === JSON.stringify(record))) group.records.push(record);
  }
  group.conditions.push(condition);
  const shared = group.conditions.every((c) => JSON.stringify(c) === JSON.stringify(group.conditions[0])) ? group.conditions[0] : undefined;
  ctx.resources[groupId] = { Type: "AWS::Route53::RecordSetGroup", ...(shared !== undefined ? { Condition: shared } : {}), Properties: { ...group.props, RecordSets: group.records } };
}
