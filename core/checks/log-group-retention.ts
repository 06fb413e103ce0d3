/**
 * Log group without retention: CloudWatch Logs keeps log events forever unless the group sets
 * RetentionInDays, and stored logs are billed every month.
 */
import type { Problem } from "../model/types";
import { describe, finding, setPropertyFix, type CheckRule } from "./rule";

const WHY =
  "By default CloudWatch Logs keeps log data indefinitely, and stored log data is billed every month. Set RetentionInDays to keep only " +
  "what you need. Source: Amazon CloudWatch Logs User Guide, \"Change log data retention in CloudWatch Logs\" " +
  "(https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention), read 2026-11-23.";

/** A common retention that keeps a month of history for debugging; the person can change it. */
const SUGGESTED_DAYS = 30;

export const logGroupRetention: CheckRule = {
  id: "log-group-retention",
  title: "Log group without retention",
  severity: "warning",
  source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
  run(ctx) {
    const problems: Problem[] = [];
    for (const group of ctx.facts.resources.values()) {
      if (group.type !== "AWS::Logs::LogGroup" || group.properties.RetentionInDays !== undefined) continue;
      problems.push(
        finding(ctx, {
          rule: logGroupRetention,
          resource: group,
          message: `${describe(group, group.id)} has no RetentionInDays: its logs are kept, and billed, forever.`,
          why: WHY,
          fix: setPropertyFix(`Keep logs for ${SUGGESTED_DAYS} days`, group.id, ["RetentionInDays"], SUGGESTED_DAYS),
        }),
      );
    }
    return problems;
  },
};
