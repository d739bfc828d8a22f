/**
 * Each option default is written once: the options interface documents it with `@defaultValue`
 * (the bullmq habit) and the code reads the package's `*_DEFAULTS` constant. For every interface in
 * the table this holds the two equal, and requires a `@defaultValue` on every optional property, so
 * an undocumented option or a drifted value fails here. Prose defaults (computed values) are
 * allowed; a constant's key must be documented with its literal.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIFF_WORDS_DEFAULTS, EXTRACT_DEFAULTS, PROCESS_PAGE_DEFAULTS } from '@vellum/core/defaults';
import { FETCHER_DEFAULTS, WRITE_WARC_DEFAULTS } from '@vellum/fetcher/defaults';
import { CREATE_QUEUES_DEFAULTS, JOB_RETRY_DEFAULTS, REDIS_CONNECTION_DEFAULTS } from '@vellum/queue/defaults';
import { PIPELINE_RUNNER_DEFAULTS, RECONCILE_DEFAULTS, SUBMIT_URLS_DEFAULTS } from '@vellum/ingest/defaults';
import { START_WORKERS_DEFAULTS } from '@vellum/worker/defaults';
import { BUILD_API_DEFAULTS, QUEUE_METRICS_DEFAULTS, RATE_LIMIT_DEFAULTS, WEB_DEFAULTS } from '@vellum/api/defaults';
import { DATABASE_DEFAULTS, EXPORT_DEFAULTS, MANIFEST_DEFAULTS } from '@vellum/db/defaults';
import { ADD_SCHEDULE_DEFAULTS, RUN_LIMITS_DEFAULTS, SCHEDULE_CONTROL_DEFAULTS, START_SCHEDULER_DEFAULTS } from '@vellum/scheduler/defaults';
import { defaultJobOptions } from '@vellum/queue';
import { documentedDefaults, literalValue, optionalProperties } from './support/documented-defaults.ts';

interface Row {
  file: string;
  interfaceName: string;
  /** The constant the code reads. */
  defaults: Readonly<Record<string, unknown>>;
  /** Constants of other packages the interface passes its options on to (a worker's queue prefix). */
  inherited?: Readonly<Record<string, unknown>>;
}

const TABLE: Row[] = [
  { file: 'packages/core/src/pipeline.ts', interfaceName: 'ProcessPageOptions', defaults: PROCESS_PAGE_DEFAULTS },
  { file: 'packages/core/src/extract/index.ts', interfaceName: 'ExtractOptions', defaults: EXTRACT_DEFAULTS },
  { file: 'packages/core/src/diff-words.ts', interfaceName: 'DiffWordsOptions', defaults: DIFF_WORDS_DEFAULTS },
  { file: 'packages/fetcher/src/options.ts', interfaceName: 'FetcherOptions', defaults: FETCHER_DEFAULTS },
  { file: 'packages/fetcher/src/warc/write-warc.ts', interfaceName: 'WarcInfo', defaults: {} },
  { file: 'packages/fetcher/src/warc/write-warc.ts', interfaceName: 'WriteWarcOptions', defaults: WRITE_WARC_DEFAULTS },
  { file: 'packages/db/src/database.ts', interfaceName: 'OpenDatabaseOptions', defaults: DATABASE_DEFAULTS },
  { file: 'packages/db/src/migrate.ts', interfaceName: 'MigrateOptions', defaults: {} },
  { file: 'packages/db/src/dedup/manifest.ts', interfaceName: 'ManifestOptions', defaults: MANIFEST_DEFAULTS },
  { file: 'packages/db/src/dedup/export-rows.ts', interfaceName: 'ExportOptions', defaults: EXPORT_DEFAULTS },
  { file: 'packages/queue/src/connection.ts', interfaceName: 'RedisConnectionOptions', defaults: REDIS_CONNECTION_DEFAULTS },
  { file: 'packages/queue/src/job-options.ts', interfaceName: 'JobRetryOptions', defaults: JOB_RETRY_DEFAULTS },
  { file: 'packages/queue/src/queues.ts', interfaceName: 'CreateQueuesOptions', defaults: CREATE_QUEUES_DEFAULTS },
  { file: 'packages/ingest/src/pipeline/pipeline-runner.ts', interfaceName: 'PipelineRunnerOptions', defaults: PIPELINE_RUNNER_DEFAULTS },
  { file: 'packages/ingest/src/submit.ts', interfaceName: 'SubmitUrlsOptions', defaults: SUBMIT_URLS_DEFAULTS },
  { file: 'packages/ingest/src/reconcile.ts', interfaceName: 'ReconcileOptions', defaults: RECONCILE_DEFAULTS },
  { file: 'packages/ingest/src/steps/step-deps.ts', interfaceName: 'StepDeps', defaults: {} },
  { file: 'packages/ingest/src/steps/ingest-inline.ts', interfaceName: 'IngestOptions', defaults: {} },
  { file: 'services/worker/src/worker-options.ts', interfaceName: 'StartWorkersOptions', defaults: START_WORKERS_DEFAULTS, inherited: { prefix: CREATE_QUEUES_DEFAULTS.prefix, processTimeoutMs: PIPELINE_RUNNER_DEFAULTS.timeoutMs } },
  { file: 'services/api/src/build-api.ts', interfaceName: 'BuildApiOptions', defaults: BUILD_API_DEFAULTS },
  { file: 'services/api/src/metrics.ts', interfaceName: 'QueueMetricsOptions', defaults: QUEUE_METRICS_DEFAULTS },
  { file: 'services/api/src/web/register-web.ts', interfaceName: 'WebOptions', defaults: WEB_DEFAULTS },
  { file: 'services/api/src/rate-limit.ts', interfaceName: 'RateLimitOptions', defaults: RATE_LIMIT_DEFAULTS },
  { file: 'services/scheduler/src/run/run-limits.ts', interfaceName: 'RunLimits', defaults: RUN_LIMITS_DEFAULTS },
  { file: 'services/scheduler/src/service/start-scheduler.ts', interfaceName: 'StartSchedulerOptions', defaults: START_SCHEDULER_DEFAULTS },
  { file: 'services/scheduler/src/service/schedule-queue.ts', interfaceName: 'ScheduleQueueOptions', defaults: {}, inherited: { prefix: CREATE_QUEUES_DEFAULTS.prefix } },
  { file: 'services/scheduler/src/control/schedule-control.ts', interfaceName: 'ScheduleControl', defaults: SCHEDULE_CONTROL_DEFAULTS },
  { file: 'services/scheduler/src/control/schedule-control.ts', interfaceName: 'AddScheduleInput', defaults: ADD_SCHEDULE_DEFAULTS },
];

const read = (file: string): string => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');

describe.each(TABLE)('$interfaceName ($file)', ({ file, interfaceName, defaults, inherited = {} }) => {
  const source = read(file);
  const documented = documentedDefaults(source, interfaceName);

  it('documents a default for every optional property', () => {
    const options = optionalProperties(source, interfaceName);
    expect(options.length).toBeGreaterThan(0);
    expect(options.filter((o) => !documented.has(o))).toEqual([]);
  });

  it('documents every constant with its value, and every literal it documents is a constant', () => {
    const expected = { ...inherited, ...defaults };
    for (const key of Object.keys(defaults)) expect([key, documented.has(key)]).toEqual([key, true]);
    for (const [key, text] of documented) {
      const value = literalValue(text);
      if (value === undefined) continue;
      expect([key, value]).toEqual([key, expected[key]]);
    }
  });
});

describe('the table', () => {
  it('catches a drifted or missing document (the check is not a no-op)', () => {
    const source = read('services/worker/src/worker-options.ts');
    const drifted = source.replace('@defaultValue 60_000\n', '@defaultValue 90_000\n');
    expect(drifted).not.toBe(source);
    expect(literalValue(documentedDefaults(drifted, 'StartWorkersOptions').get('reconcileIntervalMs')!)).toBe(90_000);
    const undocumented = source.replace(/ \* @defaultValue 2\n/, '');
    expect(documentedDefaults(undocumented, 'StartWorkersOptions').has('maxStalledCount')).toBe(false);
  });

  it('reads objects of literals and leaves prose alone', () => {
    expect(literalValue('{ fetch: 8, process: 2 }')).toEqual({ fetch: 8, process: 2 });
    expect(literalValue('10 * 1024 * 1024')).toBe(10 * 1024 * 1024);
    expect(literalValue('none (no logging)')).toBeUndefined();
    expect(literalValue('`defaultJobOptions()`')).toBeUndefined();
  });

  it('the resolvers use the constants (queue job options)', () => {
    const options = defaultJobOptions();
    expect(options.attempts).toBe(JOB_RETRY_DEFAULTS.attempts);
    expect(options.backoff).toMatchObject({ delay: JOB_RETRY_DEFAULTS.backoffMs });
  });
});
