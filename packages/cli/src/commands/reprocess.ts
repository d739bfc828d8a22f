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
  countReprocessCaptures,
  indexPendingArticles,
  listReprocessCaptures,
  type CaptureSelection,
  type Database,
  type ReprocessCapture,
} from '@vellum/db';
import { createQueues, redisConnectionOptions } from '@vellum/queue';
import { classifyFailure, failureReason, recordCaptureFailure, runProcessStep } from '@vellum/ingest';
import type { CliContext } from '../context.ts';
import { printJson, printText } from '../output.ts';
import { startProgress, type Progress } from '../progress.ts';
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
  /** Pipeline versions the selected captures were (or are being) processed with, and how many each. */
  pipelineVersions: Record<string, number>;
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
      const useQueue = Boolean(ctx.config.redisUrl) && !flags.inline;
      const summary: ReprocessSummary = {
        mode: useQueue ? 'queue' : 'inline',
        pipelineVersions: {},
        selected: await countReprocessCaptures(db, selection),
        alreadyCurrent: 0,
        stored: 0,
        unchanged: 0,
        failed: 0,
        enqueued: 0,
        failures: [],
      };
      const { minTextChars } = ctx.config;
      const targets = staleCaptures(db, selection, cleanOptions, minTextChars, summary);
      if (useQueue) await enqueueAll(ctx, targets, summary);
      else await runInline(ctx, db, cleanOptions, minTextChars, targets, summary);
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

interface StaleCapture extends ReprocessCapture {
  /** The pipeline version the current code and site rules give this capture. */
  current: string;
}

/**
 * The selected captures without a result of their current pipeline version, a page at a time
 * (a large archive is never held in memory). The current version is computed per capture:
 * site rules apply by host, so it depends on the URL.
 */
async function* staleCaptures(
  db: Database,
  selection: CaptureSelection,
  cleanOptions: CleanOptions,
  minTextChars: number,
  summary: ReprocessSummary,
): AsyncGenerator<StaleCapture> {
  let afterId = 0;
  for (;;) {
    const page = await listReprocessCaptures(db, selection, { afterId, limit: 500 });
    for (const capture of page) {
      const current = pipelineVersions({ ...cleanOptions, url: capture.url }, { minTextChars }).pipeline;
      summary.pipelineVersions[current] = (summary.pipelineVersions[current] ?? 0) + 1;
      if (capture.pipelineVersions.includes(current)) summary.alreadyCurrent++;
      else yield { ...capture, current };
    }
    if (page.length < 500) return;
    afterId = page[page.length - 1]!.captureId;
  }
}

async function runInline(
  ctx: CliContext,
  db: Database,
  cleanOptions: CleanOptions,
  minTextChars: number,
  targets: AsyncIterable<StaleCapture>,
  summary: ReprocessSummary,
): Promise<void> {
  const actor = 'cli:reprocess';
  const progress = skipAware(startProgress(summary.selected, 'reprocess'), summary);
  for await (const target of targets) {
    try {
      const result = await runProcessStep({ db, cleanOptions, minTextChars, actor }, target.captureId, null);
      if (result.created) summary.stored++;
      else summary.unchanged++;
    } catch (error) {
      const reason = failureReason(error);
      // A submission still waiting for this capture fails with it, unless the failure is
      // the database's (then it keeps waiting, and `vellum recover` gives it its job back).
      if (classifyFailure(error) === 'permanent') await recordCaptureFailure(db, target.captureId, error, actor);
      summary.failed++;
      summary.failures.push({ captureId: target.captureId, reason });
      await appendEvent(db, {
        entity: 'capture',
        entityId: target.captureId,
        action: 'reprocess-failed',
        actor,
        details: { reason, pipelineVersion: target.current },
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
  targets: AsyncIterable<StaleCapture>,
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
  const progress = skipAware(startProgress(summary.selected, 'enqueue'), summary);
  for await (const target of targets) {
    await queues.enqueueProcess({ captureId: String(target.captureId) }, { reprocessTag: target.current });
    summary.enqueued++;
    progress.tick(`capture ${target.captureId}`);
  }
  progress.stop();
}

/** A bar over every selected capture: those already current advance it too. */
function skipAware(progress: Progress, summary: ReprocessSummary): Progress {
  let skipped = 0;
  const catchUp = (): void => {
    for (; skipped < summary.alreadyCurrent; skipped++) progress.tick('already current');
  };
  return {
    tick(label) {
      catchUp();
      progress.tick(label);
    },
    stop() {
      catchUp();
      progress.stop();
    },
  };
}

function report(summary: ReprocessSummary, json: boolean): void {
  if (json) {
    printJson(summary);
    return;
  }
  const versions = Object.entries(summary.pipelineVersions).map(([v, n]) => `${v} (${n})`).join(', ');
  const lines = [`${summary.selected} capture(s) selected, ${summary.alreadyCurrent} already current; pipeline ${versions || '-'}`];
  if (summary.mode === 'queue') {
    lines.push(`${summary.enqueued} enqueued on the process queue; the workers store the new results`);
  } else {
    lines.push(`${summary.stored} stored, ${summary.unchanged} unchanged, ${summary.failed} failed`);
    for (const f of summary.failures) lines.push(`  capture ${f.captureId}: ${f.reason}`);
  }
  printText(`${lines.join('\n')}\n`);
}
