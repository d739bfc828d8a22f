import { defineConfig } from 'vitest/config';

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

export default defineConfig({
  test: {
    // Integration tests start servers, child processes and databases: give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests run the TypeScript sources, also in the `vellum` child processes they start (the bin
    // would otherwise run the compiled build in packages/cli/dist when it is fresh).
    env: { VELLUM_FROM_SOURCE: '1' },
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, pool: 'threads' } },
      { extends: true, test: { name: 'integration', include: ALL, exclude: UNIT, pool: 'forks' } },
    ],
  },
});
