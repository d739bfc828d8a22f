/**
 * `vellum ingest <url|file>...`: fetch (or read), extract, clean, normalize, hash and store,
 * inline, into the archive database. No Redis needed.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { createPipelineRunner, ingestOne, type IngestInput, type IngestOutcome, type StepDeps } from '@vellum/ingest';
import type { CliContext } from '../context.ts';
import { fetcherFromConfig } from '../fetcher.ts';
import { LocalFileError, namesFile, readLocalPage, type LocalPage } from '../local-file.ts';
import { printJson, printTable, printText } from '../output.ts';
import { pipelineThreadEntry } from '../pipeline-thread.ts';
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
      const pipeline = createPipelineRunner({ timeoutMs: ctx.config.processTimeoutMs, threadEntry: pipelineThreadEntry() });
      ctx.onClose(() => pipeline.close());
      const deps: StepDeps = {
        db,
        fetcher,
        actor: `cli:${flags.by}`,
        cleanOptions: await loadCleanOptions(ctx.config),
        minTextChars: ctx.config.minTextChars,
        pipeline,
      };

      const progress = startProgress(inputs.length, 'ingest');
      const outcomes: Outcome[] = [];
      for (const raw of inputs) {
        const input = await classifyInput(raw, flags.url);
        // A file that is missing or not HTML is refused here, before anything is recorded.
        outcomes.push(input instanceof LocalFileError ? refused(raw, input) : await ingestOne(deps, input, { submittedBy: flags.by }));
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

/** One input's outcome; a refused file has no submission. */
type Outcome = Omit<IngestOutcome, 'submissionId'> & { submissionId: number | null };

/** A file is imported, a URL fetched (and it fails clearly, recorded, if it isn't one). */
async function classifyInput(raw: string, originalUrl: string | undefined): Promise<IngestInput | LocalFileError> {
  if (!(await namesFile(raw))) return { kind: 'url', url: raw };
  let page: LocalPage;
  try {
    page = await readLocalPage(raw);
  } catch (error) {
    if (error instanceof LocalFileError) return error;
    throw error;
  }
  return {
    kind: 'file',
    url: originalUrl ?? pathToFileURL(page.absolute).href,
    file: { path: page.absolute, bytes: page.bytes, readAt: new Date().toISOString() },
  };
}

function refused(input: string, error: LocalFileError): Outcome {
  return { input, submissionId: null, status: 'failed', reason: `${error.code}: ${error.message}`, articleId: null, contentHash: null };
}

function report(outcomes: Outcome[], json: boolean): void {
  const count = (s: Outcome['status']) => outcomes.filter((o) => o.status === s).length;
  const summary = { stored: count('stored'), unchanged: count('unchanged'), failed: count('failed') };
  if (json) {
    printJson({ summary, outcomes });
    return;
  }
  printTable(
    outcomes.map((o) => ({ status: o.status, article: o.articleId ?? '', submission: o.submissionId ?? '', input: o.input, reason: o.reason ?? '' })),
    ['status', 'article', 'submission', 'input', 'reason'],
    90,
    // The reason is what the operator acts on: it is never cut.
    ['reason'],
  );
  printText(`\n${summary.stored} stored, ${summary.unchanged} unchanged, ${summary.failed} failed\n`);
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'cli';
  }
}
