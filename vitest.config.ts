import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests start servers, child processes and databases: give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Tests run the TypeScript sources, also in the `vellum` child processes they start (the bin
    // would otherwise run the compiled build in packages/cli/dist when it is fresh).
    env: { VELLUM_FROM_SOURCE: '1' },
  },
});
