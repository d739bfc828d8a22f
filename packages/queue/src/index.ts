export { QUEUE_NAMES, ALL_QUEUE_NAMES, PIPELINE_QUEUE_NAMES, type QueueName, type PipelineQueueName } from './names.ts';
export {
  type FetchJobData,
  type ProcessJobData,
  type FetchJobResult,
  type ProcessJobResult,
  isJobEntityId,
  parseFetchJobData,
  parseProcessJobData,
} from './payloads.ts';
export {
  DEFAULT_REDIS_URL,
  redisConnectionOptions,
  createRedisClient,
  redactRedisUrl,
  RedisUrlError,
  type RedisConnectionOptions,
} from './connection.ts';
export { checkRedisConnection } from './check-connection.ts';
export { createOutageLog, type OutageLog, type OutageLogger } from './outage-log.ts';
export { DEFAULT_PREFIX, checkPrefix } from './prefix.ts';
export { CREATE_QUEUES_DEFAULTS, JOB_RETRY_DEFAULTS, REDIS_CONNECTION_DEFAULTS } from './defaults.ts';
export { fetchJobId, processJobId, sanitizeJobIdPart, submissionIdFromJobId } from './job-ids.ts';
export {
  defaultJobOptions,
  checkPriority,
  MAX_PRIORITY,
  KEEP_COMPLETED,
  KEEP_FAILED,
  type JobRetryOptions,
} from './job-options.ts';
export {
  createQueues,
  obliterateQueues,
  QueueTimeoutError,
  type CreateQueuesOptions,
  type EnqueueOptions,
  type VellumQueues,
  type FetchQueue,
  type ProcessQueue,
  type JobCounts,
} from './queues.ts';
