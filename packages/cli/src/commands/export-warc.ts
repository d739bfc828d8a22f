/**
 * `vellum export warc [--since DATE] [-o FILE]`: the stored HTTP captures as WARC/1.1 (gzip),
 * with request, response and revisit records, for archival tools (pywb, warcio, ...).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { getBody, getCapture, listCaptures, type Capture, type Queryable } from '@vellum/db';
import { FETCHER_VERSION, warcCaptureFromStored, writeWarc, type WarcCapture } from '@vellum/fetcher';
import type { CliContext } from '../context.ts';
import { exportCommand } from './export-jsonl.ts';
import { printNotice } from '../output.ts';

const PAGE = 200;

export function registerExportWarc(program: Command, ctx: CliContext): void {
  exportCommand(program)
    .command('warc')
    .description('write the stored HTTP captures as a WARC/1.1 file (gzip): request, response and revisit records')
    .option('-o, --output <file>', 'write to this file, e.g. archive.warc.gz (default: stdout)')
    .option('--since <date>', 'only captures fetched at or after this date (ISO 8601)')
    .addHelpText('after', '\nFile imports are not HTTP exchanges and are left out. Failed responses (a 404 page) are kept.')
    .action(async (flags: { output?: string; since?: string }) => {
      const since = flags.since === undefined ? undefined : new Date(flags.since);
      if (since && Number.isNaN(since.getTime())) throw new Error(`--since ${flags.since} is not a date: use ISO 8601, e.g. 2024-05-01`);
      if (!flags.output && process.stdout.isTTY) throw new Error('refusing to write gzip to a terminal: give -o FILE or redirect stdout');
      const db = await ctx.db();
      const out = flags.output ? fs.createWriteStream(flags.output) : process.stdout;
      const summary = await writeWarc(storedCaptures(db, since), out, {
        // The name only: the operator's directories are not part of the archive (writeWarc also strips them).
        filename: flags.output === undefined ? undefined : path.basename(flags.output),
        software: `Vellum ${FETCHER_VERSION} (warcio.js)`,
        description: 'Vellum archive export',
      }, { end: flags.output !== undefined });
      if (flags.output) printNotice(`${summary.captures} capture(s), ${summary.records} record(s), ${summary.bytes} bytes written to ${flags.output}\n`);
    });
}

/** Stored HTTP captures, oldest first, in the shape the WARC writer takes. */
export async function* storedCaptures(db: Queryable, since?: Date): AsyncGenerator<WarcCapture> {
  let afterId = 0;
  for (;;) {
    const page = await listCaptures(db, { afterId, since, limit: PAGE });
    if (page.length === 0) return;
    for (const capture of page) {
      afterId = capture.id;
      if (capture.origin !== 'http' || capture.httpStatus === null) continue;
      yield await toWarcCapture(db, capture, capture.revisitOf === null ? null : await getCapture(db, capture.revisitOf, { withBody: false }));
    }
  }
}

async function toWarcCapture(db: Queryable, c: Capture, original: Capture | null): Promise<WarcCapture> {
  const body = c.outcome === 'not-modified' || !c.bodySha256 ? null : await getBody(db, c.bodySha256);
  return warcCaptureFromStored({ ...c, httpStatus: c.httpStatus! }, body, original);
}
