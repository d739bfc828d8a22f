/**
 * `vellum schedule …`: scheduled crawls of feeds, sitemaps and sites (stored in Postgres, fired
 * by BullMQ job schedulers), and `vellum scheduler`, the service that runs them. Written by the
 * scheduler work (issue 8); the CLI registers both from commands/index.ts.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { Database } from '@vellum/db';
import { redisConnectionOptions } from '@vellum/queue';
import {
  SCHEDULE_KINDS,
  addSchedule,
  createScheduleQueue,
  formatEvery,
  listSchedules,
  pauseSchedule,
  removeSchedule,
  resumeSchedule,
  runNow,
  showSchedule,
  startScheduler,
  type Schedule,
  type ScheduleChange,
  type ScheduleControl,
  type ScheduleKind,
  type ScheduleRun,
} from '@vellum/scheduler';
import type { CliContext } from '../context.ts';
import { sharedFetcher } from '../fetcher.ts';
import { printJson, printTable, printText, printNotice } from '../output.ts';
import { parsePositiveInt, queueSetup } from './submit.ts';

/**
 * The database and, when REDIS_URL is set, the schedule queue. Schedules live in the shared
 * Postgres (the scheduler service reads them from another process), so DATABASE_URL is required;
 * Redis is optional except for run-now: without it a change is applied by the service.
 */
async function scheduleControl(ctx: CliContext, queueUse: 'none' | 'optional' | 'required' = 'optional'): Promise<ScheduleControl> {
  const { redisUrl, databaseUrl, queuePrefix } = ctx.config;
  if (!databaseUrl) {
    throw new Error(
      'DATABASE_URL is not set: schedules live in the Postgres database the scheduler service reads. ' +
        'Set it, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/vellum',
    );
  }
  if (queueUse === 'required' && !redisUrl) {
    throw new Error('REDIS_URL is not set: run-now queues a run for the scheduler service. Set it, e.g. REDIS_URL=redis://127.0.0.1:6379');
  }
  const db: Database = await ctx.db();
  if (!redisUrl || queueUse === 'none') return { db, queue: null, actor: 'cli' };
  const queue = createScheduleQueue({ connection: redisConnectionOptions(redisUrl, { role: 'producer' }), prefix: queuePrefix });
  ctx.onClose(async () => {
    // A BullMQ queue closed while it is still connecting reports the aborted connection as an
    // unhandled error; give it a moment to finish connecting (or fail) first.
    await Promise.race([queue.waitUntilReady().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await queue.close();
  });
  return { db, queue, actor: 'cli' };
}

function parseKind(value: string): ScheduleKind {
  if (!(SCHEDULE_KINDS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${SCHEDULE_KINDS.join(', ')}`);
  return value as ScheduleKind;
}

function timingText(s: Schedule): string {
  if (s.everyMs !== null) return `every ${formatEvery(s.everyMs)}`;
  return `cron "${s.cron}"${s.timezone ? ` ${s.timezone}` : ''}`;
}

function runLine(run: ScheduleRun | null): string {
  if (!run) return 'never run';
  return `${run.status} ${run.startedAt.toISOString()} (found ${run.found}, new ${run.new})`;
}

function printChange(change: ScheduleChange, verb: string, json: boolean): void {
  if (json) {
    printJson(change);
    return;
  }
  const s = change.schedule;
  printText(`schedule ${s.id} "${s.name}" ${verb}: ${s.sourceUrl} (${s.kind}, ${timingText(s)})\n`);
  if (change.warning) printNotice(`warning: ${change.warning}\n`);
}

export function registerScheduleCommand(program: Command, ctx: CliContext): void {
  const schedule = program
    .command('schedule')
    .description('scheduled crawls of feeds, sitemaps and sites (needs DATABASE_URL; REDIS_URL to take effect at once)');

  schedule
    .command('add')
    .description('add a schedule for a feed, sitemap or site URL')
    .argument('<url>', 'RSS/Atom/JSON Feed, sitemap or sitemap index, or a site home page (its feeds and robots.txt sitemaps are discovered)')
    .option('-e, --every <interval>', 'interval, e.g. 15m, 1h, 1h30m, 1d')
    .option('--cron <pattern>', 'cron pattern instead of --every, e.g. "*/15 * * * *"')
    .option('--timezone <tz>', 'IANA time zone of the --cron pattern, e.g. Europe/Paris')
    .option('-n, --name <name>', 'unique name (default: derived from the URL)')
    .option('-k, --kind <kind>', `what the URL is: ${SCHEDULE_KINDS.join(', ')}`, parseKind, 'auto')
    .option('-p, --priority <n>', 'queue priority of the article fetches it submits, 1 (most urgent) to 2097152', parsePositiveInt)
    .option('--json', 'print the schedule as JSON')
    .addHelpText('after', '\nExamples:\n  vellum schedule add https://example.com/feed.xml --every 15m\n  vellum schedule add https://example.com/ --cron "0 * * * *" --name example')
    .action(async (url: string, flags: { every?: string; cron?: string; timezone?: string; name?: string; kind: ScheduleKind; priority?: number; json?: boolean }) => {
      const ctl = await scheduleControl(ctx);
      const change = await addSchedule(ctl, {
        url,
        every: flags.every,
        cron: flags.cron,
        timezone: flags.timezone,
        name: flags.name,
        kind: flags.kind,
        priority: flags.priority,
      });
      printChange(change, 'added', flags.json === true);
    });

  schedule
    .command('list')
    .description('list schedules with their last run')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      const list = await listSchedules(await scheduleControl(ctx, 'none'));
      if (flags.json) {
        printJson(list);
        return;
      }
      if (list.length === 0) {
        printText('no schedules: add one with `vellum schedule add <url> --every 15m`\n');
        return;
      }
      printTable(
        list.map((s) => ({ id: s.id, name: s.name, state: s.paused ? 'paused' : 'active', when: timingText(s), kind: s.kind, 'last run': runLine(s.lastRun), url: s.sourceUrl })),
        ['id', 'name', 'state', 'when', 'kind', 'last run', 'url'],
      );
    });

  schedule
    .command('show')
    .description('show a schedule and its recent runs')
    .argument('<schedule>', 'id or name')
    .option('-r, --runs <n>', 'how many recent runs', parsePositiveInt, 10)
    .option('--json', 'print as JSON')
    .action(async (idOrName: string, flags: { runs: number; json?: boolean }) => {
      const details = await showSchedule(await scheduleControl(ctx), idOrName, { runs: flags.runs });
      if (flags.json) {
        printJson(details);
        return;
      }
      const s = details.schedule;
      const lines = [
        `schedule ${s.id} "${s.name}"`,
        `  url        ${s.sourceUrl}`,
        `  kind       ${s.kind}`,
        `  timing     ${timingText(s)}`,
        `  state      ${s.paused ? 'paused' : 'active'} (job scheduler: ${details.scheduler})`,
        `  next run   ${details.nextRunAt ? details.nextRunAt.toISOString() : '-'}`,
        `  created    ${s.createdAt.toISOString()} by ${s.createdBy}`,
        '',
      ];
      printText(`${lines.join('\n')}\n`);
      if (details.runs.length === 0) {
        printText('no runs yet\n');
        return;
      }
      printTable(
        details.runs.map((r) => ({
          run: r.id,
          trigger: r.trigger,
          started: r.startedAt,
          status: r.status,
          found: r.found,
          new: r.new,
          skipped: r.skipped,
          failed: r.failed,
          ms: r.durationMs ?? '',
          reason: r.reason ?? '',
        })),
        ['run', 'trigger', 'started', 'status', 'found', 'new', 'skipped', 'failed', 'ms', 'reason'],
        100,
      );
    });

  for (const [name, verb, op] of [
    ['pause', 'paused', pauseSchedule],
    ['resume', 'resumed', resumeSchedule],
    ['remove', 'removed', removeSchedule],
  ] as const) {
    schedule
      .command(name)
      .description(name === 'remove' ? 'remove a schedule (its runs and submissions are kept)' : `${name} a schedule`)
      .argument('<schedule>', 'id or name')
      .option('--json', 'print the schedule as JSON')
      .action(async (idOrName: string, flags: { json?: boolean }) => {
        printChange(await op(await scheduleControl(ctx), idOrName), verb, flags.json === true);
      });
  }

  schedule
    .command('run-now')
    .description('queue a run now, outside the schedule (paused schedules too; needs REDIS_URL and a running `vellum scheduler`)')
    .argument('<schedule>', 'id or name')
    .option('--wait', 'wait for the run to finish and print it')
    .option('--timeout <seconds>', 'with --wait: give up after this long', parsePositiveInt, 120)
    .option('--json', 'print as JSON')
    .action(async (idOrName: string, flags: { wait?: boolean; timeout: number; json?: boolean }) => {
      const result = await runNow(await scheduleControl(ctx, 'required'), idOrName, { wait: flags.wait === true, timeoutMs: flags.timeout * 1000 });
      if (result.timedOut || result.run?.status === 'failed') ctx.exitCode = 1;
      if (flags.json) {
        printJson(result);
        return;
      }
      if (!flags.wait) {
        printText(`run ${result.runKey} queued for schedule "${result.schedule.name}"; see \`vellum schedule show ${result.schedule.id}\`\n`);
      } else if (result.timedOut) {
        printText(`run ${result.runKey} did not finish within ${flags.timeout} s: is \`vellum scheduler\` running?\n`);
      } else {
        const r = result.run!;
        printText(`run ${r.id}: ${r.status}; found ${r.found}, new ${r.new}, skipped ${r.skipped}, failed ${r.failed} in ${r.durationMs} ms${r.reason ? `\n  ${r.reason}` : ''}\n`);
      }
    });
}

/** `vellum scheduler`: run schedules as they fire, until SIGTERM/SIGINT. Several may run at once. */
export function registerSchedulerService(program: Command, ctx: CliContext): void {
  program
    .command('scheduler')
    .description('run the scheduler service until SIGTERM/SIGINT (needs REDIS_URL and DATABASE_URL)')
    .option('-c, --concurrency <n>', 'runs in progress at once in this process', parsePositiveInt, 2)
    .action(async (flags: { concurrency: number }) => {
      const { redisUrl, db, queues } = await queueSetup(ctx, 'worker');
      const { config, logger } = ctx;
      // Politeness towards a host is shared with the fetch workers through Redis.
      const fetcher = sharedFetcher(ctx, redisUrl, {
        // Sitemaps may be up to 50 MiB (the protocol's limit), whatever the article limit.
        maxBodyBytes: Math.max(50 * 1024 * 1024, config.maxBodyBytes),
      });
      const service = await startScheduler({
        db,
        queues,
        connection: redisConnectionOptions(redisUrl, { role: 'worker' }),
        prefix: config.queuePrefix,
        fetcher,
        concurrency: flags.concurrency,
        logger,
      });
      printNotice(`vellum scheduler: running schedules (prefix ${config.queuePrefix}); SIGTERM or Ctrl-C stops\n`);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      printNotice(`vellum scheduler: ${signal}: finishing runs in progress (a second signal exits at once)\n`);
      const again = (): void => process.exit(130);
      process.once('SIGTERM', again);
      process.once('SIGINT', again);
      await service.close();
      printNotice('vellum scheduler: stopped\n');
    });
}
