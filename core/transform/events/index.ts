/** Event source handlers by SAM event Type. */
import { httpApiEvent, restApiEvent } from "./api";
import { s3Event, snsEvent } from "./notifications";
import { eventBridgeRuleEvent, scheduleEvent, scheduleV2Event } from "./rules";
import { alexaSkillEvent, cloudWatchLogsEvent, cognitoEvent, iotRuleEvent } from "./services";
import { documentDbEvent, dynamoDbEvent, kinesisEvent, mqEvent, mskEvent, selfManagedKafkaEvent, sqsEvent } from "./stream";
import type { EventHandler } from "./types";

export type { EventHandler, EventTarget } from "./types";

export const FUNCTION_EVENTS: Readonly<Record<string, EventHandler>> = {
  Api: restApiEvent,
  HttpApi: httpApiEvent,
  S3: s3Event,
  SNS: snsEvent,
  SQS: sqsEvent,
  Kinesis: kinesisEvent,
  MSK: mskEvent,
  MQ: mqEvent,
  SelfManagedKafka: selfManagedKafkaEvent,
  DocumentDB: documentDbEvent,
  DynamoDB: dynamoDbEvent,
  Schedule: scheduleEvent,
  ScheduleV2: scheduleV2Event,
  CloudWatchEvent: eventBridgeRuleEvent,
  EventBridgeRule: eventBridgeRuleEvent,
  AlexaSkill: alexaSkillEvent,
  CloudWatchLogs: cloudWatchLogsEvent,
  IoTRule: iotRuleEvent,
  Cognito: cognitoEvent,
};

export const STATE_MACHINE_EVENTS: Readonly<Record<string, EventHandler>> = {
  Api: restApiEvent,
  Schedule: scheduleEvent,
  ScheduleV2: scheduleV2Event,
  CloudWatchEvent: eventBridgeRuleEvent,
  EventBridgeRule: eventBridgeRuleEvent,
};
