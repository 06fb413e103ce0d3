/**
 * AWS profiles as the shared config files describe them (`~/.aws/config` and
 * `~/.aws/credentials`). Only names and kinds are read here — never secret values — so the
 * deploy settings can offer a list. Format: AWS CLI "Configuration and credential file
 * settings" (docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html): in `config`
 * a profile section is `[profile NAME]` (except `[default]`), `[sso-session NAME]` sections
 * hold SSO settings; in `credentials` a section is `[NAME]`.
 */

export type ProfileKind = "sso" | "role" | "process" | "static" | "web-identity" | "other";

export interface AwsProfile {
  name: string;
  kind: ProfileKind;
  region?: string;
  /** Which files mention it. */
  sources: ("config" | "credentials")[];
  /** For SSO profiles: the sso-session name or start URL (what `aws sso login` needs). */
  sso?: string;
}

type Sections = Map<string, Map<string, string>>;

/** Parse INI text into sections of lowercased keys (values trimmed; comments dropped). */
export function parseIni(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^\uFEFF/, "");
    if (/^\s*([#;]|$)/.test(line)) continue;
    const header = line.match(/^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/);
    if (header) {
      const name = header[1].trim().replace(/\s+/g, " ");
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      lastKey = undefined;
      continue;
    }
    if (!current) continue;
    // Indented lines continue a nested value (e.g. `s3 =` sub-settings); keep the parent key.
    if (/^\s/.test(line) && lastKey) continue;
    const kv = line.match(/^\s*([^=]+?)\s*=\s*(.*?)\s*$/);
    if (kv) {
      lastKey = kv[1].toLowerCase();
      current.set(lastKey, kv[2]);
    }
  }
  return sections;
}

function kindOf(settings: Map<string, string>): ProfileKind | undefined {
  if (settings.has("sso_session") || settings.has("sso_start_url")) return "sso";
  if (settings.has("role_arn") && settings.has("web_identity_token_file")) return "web-identity";
  if (settings.has("role_arn")) return "role";
  if (settings.has("credential_process")) return "process";
  if (settings.has("aws_access_key_id")) return "static";
  return undefined;
}

/** Profiles from the two files' texts (either may be empty), sorted with `default` first. */
export function listProfiles(configText: string, credentialsText: string): AwsProfile[] {
  const byName = new Map<string, { settings: Map<string, string>; sources: Set<"config" | "credentials"> }>();
  const merge = (name: string, settings: Map<string, string>, source: "config" | "credentials") => {
    const entry = byName.get(name) ?? { settings: new Map(), sources: new Set() };
    for (const [k, v] of settings) if (!entry.settings.has(k)) entry.settings.set(k, v);
    entry.sources.add(source);
    byName.set(name, entry);
  };
  for (const [section, settings] of parseIni(configText)) {
    if (section === "default") merge("default", settings, "config");
    else if (section.startsWith("profile ")) merge(section.slice("profile ".length).trim(), settings, "config");
  }
  for (const [section, settings] of parseIni(credentialsText)) merge(section, settings, "credentials");
  const profiles = [...byName.entries()].map(([name, { settings, sources }]): AwsProfile => ({
    name,
    kind: kindOf(settings) ?? "other",
    region: settings.get("region") || undefined,
    sources: [...sources].sort(),
    sso: settings.get("sso_session") ?? settings.get("sso_start_url"),
  }));
  return profiles.sort((a, b) => (a.name === "default" ? -1 : b.name === "default" ? 1 : a.name.localeCompare(b.name)));
}
