/**
 * `vellum status <url|id>`: where a submission stands, with its history.
 * `vellum status --watch`: a live bar of queued/active/done/failed for the current batch
 * (every submission from the oldest unfinished one on), until nothing is left in flight.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { tryCanonicalizeUrl } from '@vellum/core';
import type { VellumQueues } from '@vellum/queue';
import { batchProgress, batchStartId, findSubmissionsByUrl, getSubmission, listEvents, type BatchProgress, type Database, type Submission } from '@vellum/db';
import type { CliContext } from '../context.ts';
import { printJson, printTable, printText } from '../output.ts';
import { parsePositiveInt, queueSetup } from './submit.ts';

interface StatusFlags {
  watch?: boolean;
  follow?: boolean;
  interval: number;
  json?: boolean;
}

export function registerStatus(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description('show a submission (by id or URL), or watch the queue drain with --watch')
    .argument('[target]', 'a submission id or a URL')
    .option('-w, --watch', 'live progress of the current batch: queued / active / done / failed')
    .option('--follow', 'with --watch: keep watching after the batch is finished')
    .option('--interval <ms>', 'with --watch: refresh period', parsePositiveInt, 1000)
    .option('--json', 'print JSON (with --watch: one line per refresh)')
    .action(async (target: string | undefined, flags: StatusFlags) => {
      if (flags.watch) {
        if (target) throw new Error('give either a submission (id or URL) or --watch, not both');
        const { db, queues } = await queueSetup(ctx);
        await watch(db, queues, flags);
        return;
      }
      if (!target) throw new Error('give a submission id or URL, or --watch');
      // Reading a submission needs only the database.
      const db = await ctx.db();
      await show(db, target, flags.json === true, ctx);
    });
}

async function show(db: Database, target: string, json: boolean, ctx: CliContext): Promise<void> {
  let submissions: Submission[];
  if (/^\d+$/.test(target)) {
    const s = await getSubmission(db, Number(target));
    submissions = s ? [s] : [];
  } else {
    const canonical = tryCanonicalizeUrl(target);
    submissions = await findSubmissionsByUrl(db, canonical ?? target, { limit: 20 });
    if (submissions.length === 0 && canonical && canonical !== target) submissions = await findSubmissionsByUrl(db, target, { limit: 20 });
  }
  if (submissions.length === 0) {
    ctx.exitCode = 1;
    throw new Error(`no submission ${/^\d+$/.test(target) ? `with id ${target}` : `for ${target}`}; submit it with \`vellum submit <url>\``);
  }
  const latest = submissions[0]!;
  const events = await listEvents(db, 'submission', latest.id);
  if (json) {
    printJson({ submission: latest, events, earlier: submissions.slice(1).map((s) => ({ id: s.id, status: s.status, submittedAt: s.submittedAt })) });
    return;
  }
  printText(`submission ${latest.id}: ${latest.status}${latest.statusReason ? ` (${latest.statusReason})` : ''}\n`);
  printText(`url        ${latest.url}\n`);
  printText(`submitted  ${latest.submittedAt.toISOString()} by ${latest.submittedBy} via ${latest.source}\n`);
  printText(`attempts   ${latest.attempts}\n`);
  if (latest.captureId) printText(`capture    ${latest.captureId}\n`);
  if (latest.articleId) printText(`article    ${latest.articleId}  (vellum show ${latest.articleId})\n`);
  printText('\n');
  printTable(
    events.map((e) => ({ at: e.at, action: e.action, actor: e.actor ?? '', details: JSON.stringify(e.details) })),
    ['at', 'action', 'actor', 'details'],
    90,
  );
  if (submissions.length > 1) printText(`\n${submissions.length - 1} earlier submission(s) of this URL: ${submissions.slice(1).map((s) => `${s.id} (${s.status})`).join(', ')}\n`);
}

async function watch(db: Database, queues: VellumQueues, flags: StatusFlags): Promise<void> {
  const fromId = await batchStartId(db);
  const json = flags.json === true;
  const tty = process.stderr.isTTY && !json;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: 'batch [{bar}] {value}/{total} | queued {queued} | active {active} | done {done} | failed {failed} | {rate}/s',
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let stop = false;
  const onSignal = (): void => {
    stop = true;
  };
  process.once('SIGINT', onSignal);
  const started = Date.now();
  let firstFinished: number | undefined;
  try {
    bar?.start(1, 0, { queued: 0, active: 0, done: 0, failed: 0, rate: '0.0' });
    for (;;) {
      const p = await batchProgress(db, { fromId });
      const finished = p.done + p.failed;
      firstFinished ??= finished;
      const rate = ((finished - firstFinished) / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
      if (bar) {
        bar.setTotal(Math.max(1, p.total));
        bar.update(finished, { ...p, rate });
      } else {
        const counts = await queues.counts();
        const line = json
          ? JSON.stringify({ at: new Date().toISOString(), fromId, ...p, rate: Number(rate), queues: counts })
          : `${new Date().toISOString()} queued ${p.queued} active ${p.active} done ${p.done} failed ${p.failed} of ${p.total}`;
        printText(`${line}\n`);
      }
      if (stop || (!flags.follow && p.queued + p.active === 0)) break;
      await new Promise((r) => setTimeout(r, flags.interval));
    }
  } finally {
    bar?.stop();
    process.removeListener('SIGINT', onSignal);
  }
  const last: BatchProgress = await batchProgress(db, { fromId });
  if (!json) printText(`${last.done} done, ${last.failed} failed, ${last.queued + last.active} in flight (submissions from id ${fromId} on)\n`);
}
