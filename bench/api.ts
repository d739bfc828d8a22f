/**
 * The API load benchmark: `vellum serve` as its own process (its own Postgres schema and Redis
 * prefix, both removed afterwards), then N submissions of distinct URLs, one URL per request,
 * all in flight at once over their own connections, with a named token. Prints latency
 * percentiles, throughput and the CPU seconds of the server and of this load generator, then
 * reads Postgres and Redis back: every URL has one submission and one fetch job (nothing lost,
 * nothing twice). No workers run: the jobs stay queued, so the count is exact.
 *
 *   npm run bench:api                     1000 concurrent submissions
 *   npm run bench:api -- --urls 2000 --concurrency 500
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { createApiToken } from '@vellum/db';
import { queueEnv } from '../test/queue-harness.ts';
import { accountFor, submitConcurrently } from '../test/support/api-load.ts';
import { freePort } from '../test/support/free-port.ts';
import { REPO_ROOT, VELLUM_BIN } from '../test/support/run-vellum.ts';
import { cpuSeconds } from './lib/proc-cpu.ts';
import { percentile, table } from './lib/stats.ts';

function parseArgs(argv: string[]): { urls: number; concurrency: number } {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    console.log('usage: tsx bench/api.ts [--urls N (default 1000)] [--concurrency C (default: N, all at once)]');
    process.exit(0);
  }
  const urls = Number(get('urls') ?? 1000);
  const concurrency = Number(get('concurrency') ?? urls);
  if (![urls, concurrency].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--urls and --concurrency take positive integers');
  return { urls, concurrency };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const q = await queueEnv('benchapi');
  const port = await freePort();
  const token = (await createApiToken(q.db, 'bench')).secret;
  const server = spawn(process.execPath, [VELLUM_BIN, 'serve', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: REPO_ROOT,
    // The limit is raised so that the bench measures the API, not the limiter's refusals.
    env: { ...process.env, ...q.env, VELLUM_API_RATE_LIMIT_MAX: String(10 * args.urls), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vellum serve did not start within 60 s:\n${stderr}`)), 60_000);
      server.stderr.on('data', () => stderr.includes('listening on') && (clearTimeout(timer), resolve()));
      server.on('exit', (code) => reject(new Error(`vellum serve exited (${code}):\n${stderr}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    // One warm-up request (JIT, connection pools), not counted.
    await submitConcurrently({ baseUrl: base, token, urls: ['https://warm-up.example.com/'] });

    const urls = Array.from({ length: args.urls }, (_, i) => `https://bench-${i % 50}.example.com/news/${i}/story-${i}`);
    const serverCpu0 = cpuSeconds(server.pid!);
    const selfCpu0 = process.cpuUsage();
    const load0 = os.loadavg();
    const result = await submitConcurrently({ baseUrl: base, token, urls, concurrency: args.concurrency });
    const serverCpu = cpuSeconds(server.pid!) - serverCpu0;
    const self = process.cpuUsage(selfCpu0);
    const account = await accountFor(q.db, q.queues, ['https://warm-up.example.com/', ...urls]);

    const ms = (v: number) => v.toFixed(0);
    const sorted = [...result.latenciesMs].sort((a, b) => a - b);
    console.log(`\nAPI load: ${args.urls} submissions of distinct URLs, ${args.concurrency} in flight, one URL per request (${os.cpus().length} CPUs, load average before ${load0.map((l) => l.toFixed(1)).join(' ')})\n`);
    console.log(
      table(
        ['p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'wall s', 'requests/s', 'server CPU s', 'load generator CPU s'],
        [[ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)), ms(sorted.at(-1) ?? NaN), (result.wallMs / 1000).toFixed(2), (args.urls / (result.wallMs / 1000)).toFixed(0), serverCpu.toFixed(2), ((self.user + self.system) / 1e6).toFixed(2)]],
      ),
    );
    console.log(`\nanswers: ${JSON.stringify(result.statuses)}${result.errors.length ? `; first errors: ${result.errors.slice(0, 3).join(' | ')}` : ''}`);
    console.log(`read back: ${account.sent} URLs sent, ${account.missingRows} without a submission (lost), ${account.duplicateRows} duplicated submissions, ${account.missingJobs} submissions without a fetch job, ${account.extraJobs} extra jobs`);
    console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const clean = account.missingRows + account.duplicateRows + account.missingJobs + account.extraJobs === 0 && result.errors.length === 0;
    if (!clean) {
      process.exitCode = 1;
      const logged = stderr.split('\n').filter((l) => l.includes('"level":50'));
      const reasons = new Map<string, number>();
      for (const line of logged) {
        const message = (JSON.parse(line) as { err?: { message?: string } }).err?.message ?? line.slice(0, 200);
        reasons.set(message, (reasons.get(message) ?? 0) + 1);
      }
      for (const [message, n] of reasons) console.log(`server error x${n}: ${message}`);
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    await q.cleanup();
  }
}

await main();
