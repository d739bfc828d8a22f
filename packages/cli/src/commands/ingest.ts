/**
 * `vellum ingest <url|file>...`: fetch (or read), extract, clean, normalize, hash and store,
 * inline, into the archive database. No Redis needed.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { createPipelineRunner, ingestOne, type IngestInput, type IngestOutcome, type StepDeps } from '@vellum/worker';
import type { CliContext } from '../context.ts';
import { fetcherFromConfig } from '../fetcher.ts';
import { printJson, printTable } from '../output.ts';
import { startProgress } from '../progress.ts';
import { loadCleanOptions } from '../site-rules.ts';

interface IngestFlags {
  url?: string;
  json?: boolean;
  by: string;
}

export function registerIngest(program: Command, ctx: CliContext): void {
  program
    .command('ingest')
    .description('fetch URLs (or read local HTML files) and store their articles, inline, with no queue')
    .argument('<inputs...>', 'http(s) URLs or paths to HTML files')
    .option('--url <url>', "the page's original URL, when ingesting a single file")
    .option('--by <name>', 'who submits, recorded for provenance', currentUser())
    .option('--json', 'print the outcome of every input as JSON')
    .addHelpText('after', '\nExit status: 0 when at least one input was stored or unchanged, 1 when every input failed.')
    .action(async (inputs: string[], flags: IngestFlags) => {
      if (flags.url && inputs.length !== 1) throw new Error('--url applies to a single file input; give one file with it');
      const db = await ctx.db();
      const fetcher = fetcherFromConfig(ctx.config);
      ctx.onClose(() => fetcher.close());
      // The pipeline runs in a thread with the time budget: a page past it fails, the rest go on.
      const pipeline = createPipelineRunner({ timeoutMs: ctx.config.processTimeoutMs });
      ctx.onClose(() => pipeline.close());
      const deps: StepDeps = { db, fetcher, actor: `cli:${flags.by}`, cleanOptions: await loadCleanOptions(ctx.config), pipeline };

      const progress = startProgress(inputs.length, 'ingest');
      const outcomes: IngestOutcome[] = [];
      for (const raw of inputs) {
        const input = await classifyInput(raw, flags.url);
        outcomes.push(await ingestOne(deps, input, { submittedBy: flags.by }));
        progress.tick(raw);
        ctx.logger.info({ outcome: outcomes.at(-1) }, 'ingested');
        // Let the event loop turn so the DOM of the last page can be collected.
        await new Promise((resolve) => setImmediate(resolve));
      }
      progress.stop();
      report(outcomes, flags.json === true);
      if (outcomes.every((o) => o.status === 'failed')) ctx.exitCode = 1;
    });
}

/** An existing file is imported; anything else is treated as a URL (and fails clearly if it isn't one). */
async function classifyInput(raw: string, originalUrl: string | undefined): Promise<IngestInput> {
  const stat = await fs.stat(raw).catch(() => null);
  if (!stat?.isFile()) return { kind: 'url', url: raw };
  const absolute = path.resolve(raw);
  const bytes = new Uint8Array(await fs.readFile(absolute));
  return {
    kind: 'file',
    url: originalUrl ?? pathToFileURL(absolute).href,
    file: { path: absolute, bytes, readAt: new Date().toISOString() },
  };
}

function report(outcomes: IngestOutcome[], json: boolean): void {
  const count = (s: IngestOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const summary = { stored: count('stored'), unchanged: count('unchanged'), failed: count('failed') };
  if (json) {
    printJson({ summary, outcomes });
    return;
  }
  printTable(
    outcomes.map((o) => ({ status: o.status, article: o.articleId ?? '', submission: o.submissionId, input: o.input, reason: o.reason ?? '' })),
    ['status', 'article', 'submission', 'input', 'reason'],
    90,
  );
  process.stdout.write(`\n${summary.stored} stored, ${summary.unchanged} unchanged, ${summary.failed} failed\n`);
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'cli';
  }
}
