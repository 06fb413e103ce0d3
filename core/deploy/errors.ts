/**
 * AWS errors as clear messages. Input is the error's name/code, message and HTTP status (what
 * main gets from the SDK); output says what happened and what to do. Codes: AWS SDK for
 * JavaScript v3 error names, CloudFormation "Common errors" (API reference), and the SDK's
 * credential provider errors (CredentialsProviderError).
 */

export type DeployErrorKind =
  | "no-credentials" | "expired-token" | "access-denied" | "throttled" | "connection" | "validation"
  | "capabilities" | "already-exists" | "not-found" | "stack-busy" | "other";

export interface DeployErrorInfo {
  kind: DeployErrorKind;
  /** One or two sentences for people. */
  message: string;
  /** The service's own words, kept for the details view. */
  detail?: string;
  /** Whether trying the same call again later can work without the person changing anything. */
  retryable: boolean;
}

export interface RawAwsError {
  name?: string;
  code?: string;
  message?: string;
  httpStatus?: number;
  profile?: string;
}

const CONNECTION_CODES = /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|TimeoutError|RequestTimeout|NetworkingError|AbortError)$/;
const THROTTLE_CODES = /^(Throttling|ThrottlingException|ThrottledException|RequestThrottled|RequestThrottledException|TooManyRequestsException|SlowDown|RequestLimitExceeded|PriorProcessingRequestLimitExceeded)$/;

export function explainAwsError(e: RawAwsError): DeployErrorInfo {
  const code = e.code ?? e.name ?? "";
  const message = e.message ?? "";
  const profile = e.profile ? `profile "${e.profile}"` : "the default credentials";
  const login = e.profile ? `aws sso login --profile ${e.profile}` : "aws sso login";
  if (code === "CredentialsProviderError" || /Could not load credentials|Unable to locate credentials|credentials? (is|are) missing|No credentials/i.test(message)) {
    return { kind: "no-credentials", message: `No AWS credentials found for ${profile}. Choose a profile from ~/.aws/config or ~/.aws/credentials, run \`aws configure\` to add one, or \`${login}\` for an SSO profile.`, detail: message, retryable: false };
  }
  if (/^(ExpiredToken|ExpiredTokenException|TokenRefreshRequired|UnauthorizedException)$/.test(code) || /token (included in the request )?(is|has) expired|SSO session .*expired|Token is expired|refresh failed/i.test(message)) {
    return { kind: "expired-token", message: `The AWS session for ${profile} has expired. Run \`${login}\` (SSO) or refresh the credentials, then try again. Nothing was changed by this attempt.`, detail: message, retryable: false };
  }
  if (/^(AccessDenied|AccessDeniedException|UnauthorizedOperation|InvalidClientTokenId|SignatureDoesNotMatch|InvalidAccessKeyId|Forbidden)$/.test(code) || e.httpStatus === 403) {
    const invalidKey = /InvalidClientTokenId|InvalidAccessKeyId|SignatureDoesNotMatch/.test(code);
    return {
      kind: "access-denied",
      message: invalidKey
        ? `AWS did not accept the credentials of ${profile} (${code}). Check the access key and secret, or pick another profile.`
        : `AWS denied access with ${profile}. The identity needs CloudFormation permissions (CreateChangeSet, DescribeChangeSet, ExecuteChangeSet, DescribeStacks, DescribeStackEvents, DeleteStack) and S3 access to the staging bucket.`,
      detail: message,
      retryable: false,
    };
  }
  if (THROTTLE_CODES.test(code) || /Rate exceeded/i.test(message)) {
    return { kind: "throttled", message: "AWS is throttling requests (rate exceeded) and retries with backoff did not get through. Wait a minute and try again; nothing was lost.", detail: message, retryable: true };
  }
  if (CONNECTION_CODES.test(code) || /socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|network|getaddrinfo/i.test(message)) {
    return { kind: "connection", message: "The connection to AWS was lost. Check the network; Flowform resumes watching the stack when it is back and never runs a change set twice.", detail: message || code, retryable: true };
  }
  if (code === "InsufficientCapabilitiesException") {
    return { kind: "capabilities", message: `CloudFormation needs an acknowledgement Flowform did not give: ${message}`, detail: message, retryable: false };
  }
  if (code === "AlreadyExistsException") {
    return { kind: "already-exists", message: `Already exists: ${message}`, detail: message, retryable: false };
  }
  if (code === "ChangeSetNotFound" || code === "ChangeSetNotFoundException" || /does not exist/.test(message)) {
    return { kind: "not-found", message: message || "Not found.", detail: message, retryable: false };
  }
  if (/is in [A-Z_]+_IN_PROGRESS state/.test(message)) {
    return { kind: "stack-busy", message: `The stack is busy with another operation. Wait for it to finish, then try again. (${message})`, detail: message, retryable: true };
  }
  if (code === "ValidationError" || code === "ValidationException" || /Template format error|Template error/i.test(message)) {
    return { kind: "validation", message: `CloudFormation rejected the template: ${message}`, detail: message, retryable: false };
  }
  return { kind: "other", message: message ? `${code ? `${code}: ` : ""}${message}` : `AWS call failed (${code || "unknown error"}).`, detail: message, retryable: false };
}
