/**
 * `vellum export jsonl [-o FILE]`: every article with its provenance, one JSON object per
 * line, in article id order, for downstream tools. `export` is shared with other formats
 * (`vellum export warc`): each registers a subcommand on the one `export` command.
 */
import type { Command } from 'commander';
import { countArticles, exportRecords, type ExportRecord } from '@vellum/db';
import type { CliContext } from '../context.ts';
import { startProgress } from '../progress.ts';
import { openLineSink, OutputClosedError } from './manifest.ts';
import { printText } from '../output.ts';

/** The program's `export` command, created by whichever format registers first. */
export function exportCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('export the archive for downstream tools (see its subcommands)')
  );
}

/** One output line: the article's fields, then `provenance`. */
export function exportLine(record: ExportRecord): string {
  return JSON.stringify({ ...record.article, provenance: record.provenance });
}

export function registerExportJsonl(program: Command, ctx: CliContext): void {
  exportCommand(program)
    .command('jsonl')
    .description('every article with its fields and provenance, one JSON object per line')
    .option('-o, --output <file>', 'write to this file (default: stdout)')
    .option('--current', 'only the newest pipeline result of each capture')
    .option('--since <date>', 'only articles of captures fetched at or after this date (ISO 8601)')
    .addHelpText(
      'after',
      `
Each line has the article's fields (id, url, canonicalUrl, declaredCanonicalUrl, title, byline, authors,
siteName, lang, publishedAt, excerpt, text, contentHash, rawSha256, removed, media, versions,
pipelineVersion, createdAt, ...) and "provenance": the capture (requested and final URL, redirects,
HTTP status, fetch time, body SHA-256, content type, fetcher version, source file) and the submission
(who, how, when). Times are ISO 8601 UTC.`,
    )
    .action(async (flags: { output?: string; current?: boolean; since?: string }) => {
      const since = flags.since === undefined ? undefined : new Date(flags.since);
      if (since && Number.isNaN(since.getTime())) throw new Error(`--since ${flags.since} is not a date: use ISO 8601, e.g. 2024-05-01`);
      const db = await ctx.db();
      const progress = flags.output ? startProgress(await countArticles(db), 'export') : { tick() {}, stop() {} };
      const sink = openLineSink(flags.output);
      let count = 0;
      try {
        for await (const record of exportRecords(db, { currentOnly: flags.current === true, since })) {
          await sink.write(exportLine(record));
          count++;
          progress.tick();
        }
      } catch (error) {
        if (!(error instanceof OutputClosedError)) throw error;
      } finally {
        progress.stop();
        await sink.close();
      }
      if (flags.output) printText(`${count} article(s) written to ${flags.output}\n`);
    });
}
