/**
 * `vellum manifest [-o FILE]`: the corpus manifest (one JSON line per article, in article id
 * order) and its RFC 6962 Merkle root, so a downstream user can check a snapshot. The line
 * format and the tree are documented in @vellum/db dedup/manifest.ts and merkle.ts.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { appendEvent, countArticles, writeManifest, type ManifestSummary } from '@vellum/db';
import type { CliContext } from '../context.ts';
import { printJson, printText, printNotice } from '../output.ts';
import { startProgress } from '../progress.ts';
import { PermanentError } from '@vellum/core/errors';

/** Writes lines to a file (or stdout), waiting when the stream asks to. */
export interface LineSink {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

/** The reader of stdout went away (e.g. `vellum export jsonl | head`): stop quietly. */
export class OutputClosedError extends PermanentError<'output-closed'> {
  constructor(message: string) {
    super('output-closed', message);
  }
}

export function openLineSink(file: string | undefined): LineSink {
  const stream = file ? fs.createWriteStream(file, { encoding: 'utf8' }) : process.stdout;
  let failure: Error | undefined;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    failure = error.code === 'EPIPE' ? new OutputClosedError('output closed') : error;
  });
  return {
    async write(line) {
      if (failure) throw failure;
      // once() rejects when the stream errors while we wait; the listener above says how.
      if (!stream.write(`${line}\n`)) await once(stream, 'drain').catch(() => undefined);
      if (failure) throw failure;
    },
    async close() {
      if (stream === process.stdout) return;
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        (stream as fs.WriteStream).end(() => resolve());
      });
    },
  };
}

export function registerManifest(program: Command, ctx: CliContext): void {
  program
    .command('manifest')
    .description('write the corpus manifest (JSONL) and print its Merkle root')
    .option('-o, --output <file>', 'write the JSONL here and the root beside it in <file>.root.json (default: JSONL on stdout)')
    .option('--current', 'only the newest pipeline result of each capture (default: every stored result)')
    .option('--json', 'print the summary (root, count, algorithm) as JSON')
    .addHelpText(
      'after',
      `
Each line: {"id","url","canonicalUrl","captureId","rawSha256","contentHash","pipelineVersion","versions"}
in that key order, no spaces, versions' keys sorted; lines in article id order.
Root: RFC 6962 Merkle tree hash (SHA-256; leaf = SHA-256(0x00 || line), node = SHA-256(0x01 || left || right))
over the UTF-8 bytes of the lines without their newlines. The root is also recorded in the audit log.`,
    )
    .action(async (flags: { output?: string; current?: boolean; json?: boolean }) => {
      if (flags.json && !flags.output) throw new Error('--json prints the summary on stdout: give the manifest a file with -o FILE');
      const db = await ctx.db();
      const total = await countArticles(db);
      const sink = openLineSink(flags.output);
      const progress = flags.output ? startProgress(total, 'manifest') : { tick() {}, stop() {} };
      let summary: ManifestSummary;
      try {
        summary = await writeManifest(
          db,
          async (line) => {
            await sink.write(line);
            progress.tick();
          },
          { currentOnly: flags.current === true },
        );
      } finally {
        progress.stop();
        await sink.close();
      }
      const result = { ...summary, currentOnly: flags.current === true, file: flags.output ?? null, generatedAt: new Date().toISOString() };
      if (flags.output) fs.writeFileSync(`${flags.output}.root.json`, `${JSON.stringify(result, null, 2)}\n`);
      await appendEvent(db, { entity: 'manifest', action: 'written', actor: 'cli', details: result });
      if (flags.json) printJson(result);
      else if (flags.output) printText(`${summary.root}  ${summary.count} article(s), ${summary.algorithm}, ${flags.output}\n`);
      else printNotice(`merkle root ${summary.root} over ${summary.count} article(s) (${summary.algorithm})\n`);
    });
}
