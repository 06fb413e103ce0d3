/** Deploy in the main process: AWS clients, packaging, the deploy service and its IPC handlers. */
export { createClients, DEFAULT_TIMEOUTS, endpointFor, objectUrl, type AwsClients, type AwsTarget, type AwsTimeouts } from "./aws";
export { zipFolder, sha256, type ZipResult } from "./package";
export { readProfiles, awsConfigFiles } from "./profiles";
export { DEFAULT_BACKOFF, withRetry, type Backoff } from "./retry";
export { DeployService, deployError, loadPriceTables, STAGING_PREFIX, type DeployRequest, type PreparedDeploy, type DeployServiceOptions, type ProgressListener } from "./service";
