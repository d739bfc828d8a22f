/**
 * `vellum serve`: the HTTP API (submissions, articles, health, OpenAPI, metrics, queue
 * dashboard) and the web UI (/ui) until SIGTERM/SIGINT. Migrates the database on start.
 */
import type { Command } from 'commander';
import { buildApi } from '@vellum/api';
import { countActiveApiTokens } from '@vellum/db';
import type { CliContext } from '../context.ts';
import { parsePositiveInt, queueSetup } from './submit.ts';
import { printNotice } from '../output.ts';
import { loadCleanOptions } from '../site-rules.ts';

interface ServeFlags {
  host?: string;
  port?: number;
  batchLimit: number;
}

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('run the HTTP API and the web UI at /ui (needs REDIS_URL, DATABASE_URL, and a token: `vellum token create` or VELLUM_API_TOKEN)')
    .option('--host <host>', 'address to listen on (default VELLUM_API_HOST, 127.0.0.1)')
    .option('--port <port>', 'port to listen on, 0 for any free one (default VELLUM_API_PORT, 8080)', (v) => (v === '0' ? 0 : parsePositiveInt(v)))
    .option('--batch-limit <n>', 'most URLs one POST /v1/submissions may carry', parsePositiveInt, 1000)
    .action(async (flags: ServeFlags) => {
      const { config } = ctx;
      const { db, queues } = await queueSetup(ctx);
      if (!config.apiToken && (await countActiveApiTokens(db)) === 0) {
        throw new Error(
          'no API token: every route but /healthz needs one. Create a named token with `vellum token create <name>` ' +
            '(same DATABASE_URL), or set VELLUM_API_TOKEN to a secret of at least 16 characters, e.g. VELLUM_API_TOKEN=$(openssl rand -hex 24)',
        );
      }
      // The web UI reruns the pipeline with the workers' clean options to place removals.
      const cleanOptions = await loadCleanOptions(ctx.config);
      const app = await buildApi({
        cleanOptions,
        db,
        queues,
        token: config.apiToken,
        tokenName: config.apiTokenName,
        rateLimit: { max: config.apiRateLimitMax, anonymousMax: config.apiRateLimitAnonymousMax, windowMs: config.apiRateLimitWindowMs },
        logger: ctx.logger,
        batchLimit: flags.batchLimit,
      });
      ctx.onClose(() => app.close());
      const address = await app.listen({ host: flags.host ?? ctx.config.apiHost, port: flags.port ?? ctx.config.apiPort });
      printNotice(`vellum serve: listening on ${address} (web UI at ${address}/ui/, OpenAPI at ${address}/openapi.json, dashboard at ${address}/admin/queues)\n`);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      printNotice(`vellum serve: ${signal}: closing\n`);
    });
}
