/** AWS profiles from the shared config files (names and kinds only; never secrets). */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { listProfiles, type AwsProfile } from "../../core/deploy";

/** The files the AWS SDK and CLI read, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function awsConfigFiles(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  return {
    config: env.AWS_CONFIG_FILE || join(homedir(), ".aws", "config"),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), ".aws", "credentials"),
  };
}

const readOrEmpty = (file: string) => readFile(file, "utf8").catch(() => "");

export async function readProfiles(env: NodeJS.ProcessEnv = process.env): Promise<{ profiles: AwsProfile[]; files: { config: string; credentials: string } }> {
  const files = awsConfigFiles(env);
  const [config, credentials] = await Promise.all([readOrEmpty(files.config), readOrEmpty(files.credentials)]);
  return { profiles: listProfiles(config, credentials), files };
}
