/**
 * `vellum submit <url>... [--file urls.txt]`: record submissions and enqueue their fetch jobs
 * for the workers. Also home of `queueSetup`, the Redis/Postgres checks every queue command
 * shares.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import { createQueues, defaultJobOptions, redisConnectionOptions, type VellumQueues } from '@vellum/queue';
import { batchProgress, type Database } from '@vellum/db';
import { EnqueueError, submitUrls, type SubmitResult } from '@vellum/ingest';
import type { CliContext } from '../context.ts';
import { printJson, printTable, printText } from '../output.ts';
import { checkRedis } from '../preflight.ts';
import { startProgress } from '../progress.ts';

export interface QueueSetup {
  redisUrl: string;
  db: Database;
  queues: VellumQueues;
}

/**
 * The shared database and the queues, or an error saying what to set. Queue commands run in
 * several processes at once, so they need Postgres: the embedded database serves one process.
 */
export async function queueSetup(ctx: CliContext, role: 'producer' | 'worker' = 'producer'): Promise<QueueSetup> {
  const { redisUrl, databaseUrl } = ctx.config;
  if (!redisUrl) {
    throw new Error(
      'REDIS_URL is not set: queue commands need Redis. Set it, e.g. REDIS_URL=redis://127.0.0.1:6379 ' +
        '(or use `vellum ingest`, which works inline without a queue).',
    );
  }
  if (!databaseUrl) {
    throw new Error(
      'DATABASE_URL is not set: queue commands share one Postgres database between processes ' +
        '(the embedded default serves a single process). Set it, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/vellum',
    );
  }
  // Both are tried once at start, so a service that is down is reported within seconds
  // instead of hanging the command (the queues' own connections wait for Redis forever).
  await checkRedis(redisUrl);
  const db = await ctx.db();
  const queues = createQueues({
    connection: redisConnectionOptions(redisUrl, { role }),
    prefix: ctx.config.queuePrefix,
    jobOptions: defaultJobOptions({ attempts: ctx.config.jobAttempts, backoffMs: ctx.config.retryBackoffMs }),
  });
  ctx.onClose(() => queues.close());
  return { redisUrl, db, queues };
}

interface SubmitFlags {
  file?: string[];
  priority?: number;
  refetch?: boolean;
  json?: boolean;
  by: string;
  wait?: boolean;
  timeout: number;
}

/** Submitted per round trip; also the progress bar's step. */
const CHUNK = 100;

export function registerSubmit(program: Command, ctx: CliContext): void {
  program
    .command('submit')
    .description('submit URLs to the queue for the workers to fetch and process (needs REDIS_URL and DATABASE_URL)')
    .argument('[urls...]', 'http(s) URLs')
    .option('-f, --file <path>', 'read URLs from a file, one per line (# comments; - for stdin); repeatable', collect)
    .option('-p, --priority <n>', '1 (most urgent) to 2097152', parsePositiveInt)
    .option('--refetch', 'fetch again URLs already archived (a new submission and capture each)')
    .option('--by <name>', 'who submits, recorded for provenance', os.userInfo().username || 'cli')
    .option('--wait', 'wait until every submission is processed or failed')
    .option('--timeout <seconds>', 'with --wait: give up after this long', parsePositiveInt, 3600)
    .option('--json', 'print the outcome of every URL as JSON')
    .addHelpText(
      'after',
      '\nA URL already queued or being worked on is not submitted twice, --refetch or not; if its job\n' +
        'was lost (Redis restarted empty) it gets it back, as `vellum recover` does for all. One already\n' +
        'archived is not fetched again unless --refetch. Exit status: 1 when no URL could be submitted,\n' +
        'when Redis could not take the jobs, or, with --wait, when any failed.',
    )
    .action(async (args: string[], flags: SubmitFlags) => {
      const urls = [...args];
      for (const file of flags.file ?? []) urls.push(...(await readUrlFile(file)));
      if (urls.length === 0) throw new Error('no URLs given: pass them as arguments or with --file urls.txt');
      const { db, queues } = await queueSetup(ctx);

      const progress = startProgress(urls.length, 'submit');
      const results: SubmitResult[] = [];
      for (let i = 0; i < urls.length; i += CHUNK) {
        const chunk = urls.slice(i, i + CHUNK);
        try {
          results.push(
            ...(await submitUrls({ db, queues, urls: chunk, submittedBy: flags.by, source: 'cli', priority: flags.priority, refetch: flags.refetch ?? false })),
          );
        } catch (error) {
          if (!(error instanceof EnqueueError)) throw error;
          progress.stop();
          const lost = new Set(error.submissionIds);
          for (const r of error.results) {
            if (r) results.push(r.submissionId !== null && lost.has(r.submissionId) ? { ...r, reason: 'recorded; job NOT enqueued (Redis unreachable)' } : r);
          }
          report(results, flags.json === true, undefined);
          ctx.exitCode = 1;
          const notSubmitted = urls.length - i - chunk.length;
          process.stderr.write(
            `vellum submit: ${error.message}.${notSubmitted > 0 ? ` The last ${notSubmitted} URL(s) were not submitted at all: submit them again.` : ''}\n`,
          );
          return;
        }
        for (const url of chunk) progress.tick(url);
      }
      progress.stop();
      if (results.every((r) => r.outcome === 'invalid')) ctx.exitCode = 1;

      let final: Awaited<ReturnType<typeof waitFor>> | undefined;
      if (flags.wait) {
        // Distinct: the same URL twice, or a variant of one (tracking parameters), is one
        // submission, and waiting for it twice would never finish.
        const ids = [...new Set(results.flatMap((r) => (r.submissionId !== null && r.outcome !== 'invalid' ? [r.submissionId] : [])))];
        final = await waitFor(db, ids, flags.timeout * 1000);
        if (final.failed > 0 || final.pending > 0) ctx.exitCode = 1;
      }
      report(results, flags.json === true, final);
    });
}

async function waitFor(db: Database, ids: number[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const bar = startProgress(ids.length, 'processing');
  let seen = 0;
  for (;;) {
    const p = await batchProgress(db, { ids });
    const finished = p.done + p.failed;
    for (; seen < finished; seen++) bar.tick(`${p.done} done, ${p.failed} failed`);
    if (finished >= ids.length || Date.now() > deadline) {
      bar.stop();
      return { done: p.done, failed: p.failed, pending: ids.length - finished };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

function report(results: SubmitResult[], json: boolean, final: { done: number; failed: number; pending: number } | undefined): void {
  const count = (o: SubmitResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const summary = {
    queued: count('queued'),
    inFlight: count('in-flight'),
    requeued: results.filter((r) => r.requeued).length,
    archived: count('archived'),
    invalid: count('invalid'),
  };
  if (json) {
    printJson({ summary, ...(final ? { final } : {}), submissions: results });
    return;
  }
  printTable(
    results.map((r) => ({ outcome: r.outcome, submission: r.submissionId ?? '', status: r.status, url: r.url, note: noteOf(r) })),
    ['outcome', 'submission', 'status', 'url', 'note'],
    80,
  );
  const { requeued } = summary;
  printText(
    `\n${summary.queued} queued, ${summary.inFlight} already in flight${requeued ? ` (${requeued} had lost their job and got it back)` : ''}, ${summary.archived} already archived, ${summary.invalid} invalid\n`,
  );
  if (final) printText(`${final.done} done, ${final.failed} failed, ${final.pending} still pending\n`);
}

function noteOf(r: SubmitResult): string {
  if (r.reason) return r.reason;
  if (r.requeued) return `its ${r.requeued} job was lost: re-enqueued`;
  return r.articleId ? `article ${r.articleId}` : '';
}

async function readUrlFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read URL file ${file}: ${(error as Error).message}`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got ${JSON.stringify(value)}`);
  return n;
}
