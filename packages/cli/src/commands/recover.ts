/**
 * `vellum recover`: gives every submission with work left (queued, fetching, fetched) that
 * has no live job its job back, e.g. after Redis restarted empty or was down when URLs were
 * submitted. The workers do the same on their own every minute (`vellum worker
 * --reconcile-interval`); this is the operator's way to do it now and see what was done.
 */
import type { Command } from 'commander';
import { reconcileSubmissions, type ReconcileSummary } from '@vellum/ingest';
import type { CliContext } from '../context.ts';
import { printJson } from '../output.ts';
import { queueSetup } from './submit.ts';
import { parseMs } from './worker.ts';

interface RecoverFlags {
  minAge: number;
  dryRun?: boolean;
  json?: boolean;
}

export function registerRecover(program: Command, ctx: CliContext): void {
  program
    .command('recover')
    .description('re-enqueue the jobs of submissions left without one (Redis lost them); needs REDIS_URL and DATABASE_URL')
    .option('--min-age <ms>', 'leave alone submissions whose status moved less than this long ago', parseMs, 0)
    .option('--dry-run', 'say what would be re-enqueued, change nothing')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Postgres is the record of every submission; Redis holds only the work left. A submission that
is queued or fetching gets its fetch job back, one that is fetched gets its process job back on
the capture already stored (nothing is fetched again). One whose job had failed for good
without the submission knowing is marked failed with the job's reason. Safe beside running
workers and beside another recover: job ids derive from the submission, so nothing runs or is
stored twice. Workers sweep the same way every --reconcile-interval (default 60 s).`,
    )
    .action(async (flags: RecoverFlags) => {
      const { db, queues } = await queueSetup(ctx);
      await queues.ping(5000).catch((error: Error) => {
        throw new Error(`Redis at REDIS_URL does not answer (${error.message}): start it, then run \`vellum recover\` again`);
      });
      const summary = await reconcileSubmissions({
        db,
        queues,
        minAgeMs: flags.minAge,
        dryRun: flags.dryRun ?? false,
        actor: 'cli:recover',
        logger: ctx.logger,
      });
      report(summary, flags.json === true);
    });
}

function report(summary: ReconcileSummary, json: boolean): void {
  if (json) {
    printJson(summary);
    return;
  }
  const verb = summary.dryRun ? 'would be ' : '';
  const lines = [
    `${summary.checked} submission(s) with work left: ${summary.live} have a live job, ${summary.finished} finished meanwhile`,
    `${summary.requeuedFetch} ${verb}re-enqueued for fetching, ${summary.requeuedProcess} ${verb}re-enqueued for processing (stored capture)`,
  ];
  if (summary.failed > 0) lines.push(`${summary.failed} ${verb}marked failed (their job had failed for good)`);
  if (summary.requeuedIds.length > 0) {
    const shown = summary.requeuedIds.slice(0, 20).join(', ');
    lines.push(`submissions: ${shown}${summary.requeuedIds.length > 20 ? `, ... (${summary.requeuedIds.length} in all)` : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
