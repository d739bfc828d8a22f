import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { slowFirstSequencer } from './test/support/slow-first-sequencer.ts';

/**
 * Tests that need neither Postgres nor Redis nor a child process: pure stages and parsers, the
 * settings schema, the architecture rules. `npm run test:unit` runs them alone (seconds, no
 * services); `npm test` runs both projects.
 */
const UNIT = [
  'packages/core/test/**/*.test.ts',
  'packages/cli/test/config.test.ts',
  'packages/fetcher/test/documented-defaults.test.ts',
  'packages/fetcher/test/memory-politeness.test.ts',
  'packages/queue/test/job-ids.test.ts',
  'services/scheduler/test/{parse-feeds,parse-sitemaps,discover,decisions}.test.ts',
  'test/architecture.test.ts',
  'test/documented-defaults.test.ts',
  'test/reproducibility-merkle.test.ts',
];
const ALL = ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'];

/**
 * The longest files, longest first (measured in full runs on the 2-core machine), started before
 * all others so that none of them is the last to begin. Order only: see the sequencer.
 */
const SLOW_FIRST = [
  'test/chaos-short.test.ts',
  'test/dom-parity-sample.test.ts',
  'packages/core/test/extract-fuzz.test.ts',
  'packages/core/test/readability-walks.test.ts',
  'packages/db/test/search.test.ts',
  'test/queue-crash.test.ts',
  'test/dedup-pglite.test.ts',
  'test/ingest-e2e.test.ts',
  'test/hostile-input.test.ts',
  'test/queue-scale.test.ts',
  'test/queue-redis-loss.test.ts',
  'packages/db/test/database.test.ts',
  'test/api-auth.test.ts',
  'test/queue-db-outage.test.ts',
  'test/verify-integrity.test.ts',
];

export default defineConfig({
  test: {
    // Integration tests start servers, child processes and databases: give them room. The limits
    // only catch a hang: with four files at once on two shared cores, tests without a limit of
    // their own took up to 59 s at load average 15-17, close to the 60 s these limits used to be.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Tests run the TypeScript sources, also in the `vellum` child processes they start (the bin
    // would otherwise run the compiled build in packages/cli/dist when it is fresh).
    env: { VELLUM_FROM_SOURCE: '1' },
    // Files at once. Vitest's default, one less than the cores, is a single file on the 2-core
    // machine: one core's work (a serial run used 619 s of CPU in 659 s), the other core idle and
    // no file's waits (servers, child processes, restarts) overlapped; four at once took 336 s.
    // Each file has its own schema, queue prefix, ports and temporary directories, so files
    // cannot see each other's data; VITEST_MAX_WORKERS overrides it.
    maxWorkers: 4,
    sequence: { sequencer: slowFirstSequencer(fileURLToPath(new URL('.', import.meta.url)), SLOW_FIRST) },
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, pool: 'threads' } },
      { extends: true, test: { name: 'integration', include: ALL, exclude: UNIT, pool: 'forks' } },
    ],
  },
});
