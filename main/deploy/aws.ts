/**
 * AWS clients and credentials — main process only. Credentials come from the person's
 * profiles through `@aws-sdk/credential-providers` (`fromIni` resolves static, role, process and
 * SSO profiles; with no profile the default Node provider chain is used). The SDK's own retries
 * are OFF (`maxAttempts: 1`): Flowform retries itself (retry.ts) so that a call that changes
 * something, such as ExecuteChangeSet, is never re-sent blindly after a dropped connection.
 */
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { S3Client } from "@aws-sdk/client-s3";
import { fromIni, fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";

export interface AwsTarget {
  region: string;
  /** Named profile from ~/.aws/config or ~/.aws/credentials; undefined → default provider chain. */
  profile?: string;
  /**
   * Endpoint override (tests and the e2e web host point this at test/emulators). Also read from
   * FLOWFORM_AWS_ENDPOINT. S3 then uses path-style URLs.
   */
  endpoint?: string;
  /** Explicit credentials (tests); otherwise resolved from the profile. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface AwsClients {
  cloudformation: CloudFormationClient;
  s3: S3Client;
  target: AwsTarget;
  endpoint?: string;
  destroy(): void;
}

export function endpointFor(target: AwsTarget): string | undefined {
  return target.endpoint || process.env.FLOWFORM_AWS_ENDPOINT || undefined;
}

function credentialsFor(target: AwsTarget): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  if (target.credentials) return target.credentials;
  if (target.profile) return fromIni({ profile: target.profile });
  return fromNodeProviderChain();
}

/**
 * Socket timeouts, so a call that never answers fails (and is retried or reported) instead of
 * hanging the deploy: the SDK's Node handler waits forever by default.
 */
export interface AwsTimeouts {
  connectionMs: number;
  /** Idle time on an open request before it is abandoned. */
  requestMs: number;
}

export const DEFAULT_TIMEOUTS: AwsTimeouts = { connectionMs: 10_000, requestMs: 60_000 };

export function createClients(target: AwsTarget, timeouts: AwsTimeouts = DEFAULT_TIMEOUTS): AwsClients {
  const endpoint = endpointFor(target);
  const common = {
    region: target.region,
    credentials: credentialsFor(target),
    maxAttempts: 1,
    // socketTimeout is the idle timeout that fails the call; in @smithy/node-http-handler 4.14 a
    // plain `requestTimeout` only logs a warning unless `throwOnRequestTimeout` is set (read in
    // node_modules/@smithy/node-http-handler/dist-es/set-request-timeout.js), and it would also cut
    // long uploads that are still moving.
    requestHandler: { connectionTimeout: timeouts.connectionMs, socketTimeout: timeouts.requestMs },
    ...(endpoint ? { endpoint } : {}),
  };
  const cloudformation = new CloudFormationClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: !!endpoint });
  return {
    cloudformation, s3, target, endpoint,
    destroy() {
      cloudformation.destroy();
      s3.destroy();
    },
  };
}

/** The HTTPS URL CloudFormation reads a TemplateURL from (path-style under an endpoint override). */
export function objectUrl(clients: AwsClients, bucket: string, key: string): string {
  const encodedKey = key.split("/").map(encodeURIComponent).join("/");
  if (clients.endpoint) return `${clients.endpoint.replace(/\/$/, "")}/${bucket}/${encodedKey}`;
  return `https://${bucket}.s3.${clients.target.region}.amazonaws.com/${encodedKey}`;
}
