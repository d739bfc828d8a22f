/**
 * `vellum reprocess [--all | --since DATE | --ids …]`: re-derives articles from stored captures
 * with the current pipeline. Results are stored beside the old ones (one article per capture and
 * pipeline version), never over them. Through the process queue when REDIS_URL is set (the
 * workers run the pipeline), inline otherwise.
 */
import type { Command } from 'commander';
import { nearDuplicateScheme, pipelineVersions, type CleanOptions } from '@vellum/core';
import {
  appendEvent,
  countReprocessTargets,
  indexPendingArticles,
  listReprocessTargets,
  type CaptureSelection,
  type Database,
  type ReprocessTarget,
} from '@vellum/db';
import { createQueues, redisConnectionOptions } from '@vellum/queue';
import { failureReason, runProcessStep } from '@vellum/worker';
import type { CliContext } from '../context.ts';
import { printJson } from '../output.ts';
import { startProgress } from '../progress.ts';
import { loadCleanOptions } from '../site-rules.ts';

interface ReprocessFlags {
  all?: boolean;
  since?: string;
  ids?: string[];
  inline?: boolean;
  json?: boolean;
}

export interface ReprocessSummary {
  mode: 'inline' | 'queue';
  pipelineVersion: string;
  /** Captures the selection matched (with a stored body). */
  selected: number;
  /** Of those, captures that already had a result of this pipeline version (left alone). */
  alreadyCurrent: number;
  stored: number;
  unchanged: number;
  failed: number;
  enqueued: number;
  failures: Array<{ captureId: number; reason: string }>;
}

export function registerReprocess(program: Command, ctx: CliContext): void {
  program
    .command('reprocess')
    .description('re-derive articles from stored captures with the current pipeline, beside the old results')
    .option('--all', 'every stored capture')
    .option('--since <date>', 'captures fetched at or after this date (ISO 8601, e.g. 2024-05-01)')
    .option('--ids <ids...>', 'the captures of these article ids (space or comma separated)')
    .option('--inline', 'run here even when REDIS_URL is set')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Captures that already have a result of the current pipeline version are left alone, so running
it twice does no work the second time. With REDIS_URL set, jobs go to the process queue and the
workers' pipeline (their VELLUM_SITE_RULES) applies; without it, this process runs the pipeline.
Exit status: 1 when every capture attempted inline failed.`,
    )
    .action(async (flags: ReprocessFlags) => {
      const selection = parseSelection(flags);
      const db = await ctx.db();
      const cleanOptions = await loadCleanOptions(ctx.config);
      const pipelineVersion = pipelineVersions(cleanOptions).pipeline;
      const counts = await countReprocessTargets(db, selection, pipelineVersion);
      const useQueue = Boolean(ctx.config.redisUrl) && !flags.inline;
      const summary: ReprocessSummary = {
        mode: useQueue ? 'queue' : 'inline',
        pipelineVersion,
        selected: counts.selected,
        alreadyCurrent: counts.current,
        stored: 0,
        unchanged: 0,
        failed: 0,
        enqueued: 0,
        failures: [],
      };
      const total = counts.selected - counts.current;
      const targets = reprocessTargets(db, selection, pipelineVersion);
      if (useQueue) await enqueueAll(ctx, targets, total, pipelineVersion, summary);
      else await runInline(ctx, db, cleanOptions, targets, total, summary);
      report(summary, flags.json === true);
      const attempted = summary.stored + summary.unchanged + summary.failed;
      if (summary.mode === 'inline' && attempted > 0 && summary.failed === attempted) ctx.exitCode = 1;
    });
}

function parseSelection(flags: ReprocessFlags): CaptureSelection {
  const given = [flags.all, flags.since !== undefined, flags.ids !== undefined].filter(Boolean).length;
  if (given !== 1) throw new Error('choose what to reprocess with exactly one of --all, --since DATE or --ids ID...');
  if (flags.all) return { all: true };
  if (flags.since !== undefined) {
    const since = new Date(flags.since);
    if (Number.isNaN(since.getTime())) throw new Error(`--since ${flags.since} is not a date: use ISO 8601, e.g. 2024-05-01`);
    return { since };
  }
  const ids = flags.ids!.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const bad = ids.filter((s) => !/^[1-9]\d*$/.test(s));
  if (bad.length || ids.length === 0) throw new Error(`--ids takes article ids (positive integers), got ${bad.join(', ') || 'none'}`);
  return { articleIds: ids.map(Number) };
}

/** The targets a page at a time, so a large archive is never held in memory. */
async function* reprocessTargets(db: Database, selection: CaptureSelection, pipelineVersion: string): AsyncGenerator<ReprocessTarget> {
  let afterId = 0;
  for (;;) {
    const page = await listReprocessTargets(db, selection, pipelineVersion, { afterId, limit: 500 });
    yield* page;
    if (page.length < 500) return;
    afterId = page[page.length - 1]!.captureId;
  }
}

async function runInline(
  ctx: CliContext,
  db: Database,
  cleanOptions: CleanOptions,
  targets: AsyncIterable<ReprocessTarget>,
  total: number,
  summary: ReprocessSummary,
): Promise<void> {
  const actor = 'cli:reprocess';
  const progress = startProgress(total, 'reprocess');
  for await (const target of targets) {
    try {
      const result = await runProcessStep({ db, cleanOptions, actor }, target.captureId, null);
      if (result.created) summary.stored++;
      else summary.unchanged++;
    } catch (error) {
      const reason = failureReason(error);
      summary.failed++;
      summary.failures.push({ captureId: target.captureId, reason });
      await appendEvent(db, {
        entity: 'capture',
        entityId: target.captureId,
        action: 'reprocess-failed',
        actor,
        details: { reason, pipelineVersion: summary.pipelineVersion },
      });
    }
    progress.tick(`capture ${target.captureId}`);
    // Let the event loop turn so the last page's DOM can be collected.
    await new Promise((resolve) => setImmediate(resolve));
  }
  progress.stop();
  // New results join the near-duplicate index (a no-op for those the process step indexed).
  const indexed = await indexPendingArticles(db, nearDuplicateScheme, { actor });
  ctx.logger.info({ ...indexed }, 'near-duplicate index updated');
}

async function enqueueAll(
  ctx: CliContext,
  targets: AsyncIterable<ReprocessTarget>,
  total: number,
  pipelineVersion: string,
  summary: ReprocessSummary,
): Promise<void> {
  const queues = createQueues({
    connection: redisConnectionOptions(ctx.config.redisUrl, { role: 'producer' }),
    prefix: ctx.config.queuePrefix,
  });
  ctx.onClose(() => queues.close());
  await queues.ping(5000).catch((error: Error) => {
    throw new Error(`Redis at REDIS_URL does not answer (${error.message}); start it, or run with --inline`);
  });
  const progress = startProgress(total, 'enqueue');
  for await (const target of targets) {
    await queues.enqueueProcess({ captureId: String(target.captureId) }, { reprocessTag: pipelineVersion });
    summary.enqueued++;
    progress.tick(`capture ${target.captureId}`);
  }
  progress.stop();
}

function report(summary: ReprocessSummary, json: boolean): void {
  if (json) {
    printJson(summary);
    return;
  }
  const lines = [`pipeline ${summary.pipelineVersion}: ${summary.selected} capture(s) selected, ${summary.alreadyCurrent} already current`];
  if (summary.mode === 'queue') {
    lines.push(`${summary.enqueued} enqueued on the process queue; the workers store the new results`);
  } else {
    lines.push(`${summary.stored} stored, ${summary.unchanged} unchanged, ${summary.failed} failed`);
    for (const f of summary.failures) lines.push(`  capture ${f.captureId}: ${f.reason}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
