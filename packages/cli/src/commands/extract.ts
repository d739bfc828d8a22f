/** `vellum extract <file|url>`: run the pipeline on one page and print the result; stores nothing. */
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { processPage, type PipelineResult } from '@vellum/core';
import type { CliContext } from '../context.ts';
import { fetcherFromConfig } from '../fetcher.ts';
import { namesFile, readLocalPage } from '../local-file.ts';
import { printJson, printText } from '../output.ts';
import { loadCleanOptions } from '../site-rules.ts';

export function registerExtract(program: Command, ctx: CliContext): void {
  program
    .command('extract')
    .description('extract, clean, normalize and hash one page and print the result (stores nothing)')
    .argument('<input>', 'a path to an HTML file or an http(s) URL')
    .option('--url <url>', "the page's original URL, for a file")
    .option('--json', 'print the pipeline result as JSON (the shape other tools rely on)')
    .action(async (input: string, flags: { url?: string; json?: boolean }) => {
      const page = await loadPage(ctx, input, flags.url);
      const cleanOptions = await loadCleanOptions(ctx.config);
      const result = processPage(page.bytes, { url: page.url, contentType: page.contentType, cleanOptions: { ...cleanOptions, url: page.url }, minTextChars: ctx.config.minTextChars });
      if (flags.json) printJson(toJson(result));
      else printHuman(result);
    });
}

/** The documented `--json` shape: the pipeline result's fields in a fixed order. */
function toJson(r: PipelineResult) {
  return {
    title: r.title,
    byline: r.byline,
    siteName: r.siteName,
    lang: r.lang,
    publishedAt: r.publishedAt,
    canonicalUrl: r.canonicalUrl,
    text: r.text,
    contentHash: r.contentHash,
    rawSha256: r.rawSha256,
    removed: r.removed,
    authors: r.authors,
    media: r.media,
    excerpt: r.excerpt,
    charset: r.charset,
    charsetSource: r.charsetSource,
    versions: r.versions,
  };
}

function printHuman(r: PipelineResult): void {
  const lines = [
    `title:     ${r.title ?? ''}`,
    `authors:   ${r.authors.join(', ')}`,
    `published: ${r.publishedAt ?? ''}`,
    `canonical: ${r.canonicalUrl ?? ''}`,
    `hash:      ${r.contentHash}`,
    `charset:   ${r.charset} (${r.charsetSource})`,
    `removed:   ${r.removed.length} item(s) (see --json or \`vellum explain\`)`,
    '',
    r.text,
    '',
  ];
  printText(lines.join('\n'));
}

async function loadPage(
  ctx: CliContext,
  input: string,
  originalUrl: string | undefined,
): Promise<{ bytes: Uint8Array; url: string; contentType: string | undefined }> {
  if (await namesFile(input)) {
    const page = await readLocalPage(input);
    return { bytes: page.bytes, url: originalUrl ?? pathToFileURL(page.absolute).href, contentType: undefined };
  }
  if (!/^https?:\/\//i.test(input)) throw new Error(`${input}: not an http(s) URL; give an http(s) URL or a path to an HTML file`);
  const fetcher = fetcherFromConfig(ctx.config);
  ctx.onClose(() => fetcher.close());
  const record = await fetcher.fetch(input);
  if (record.contentClass !== 'html') throw new Error(`${input}: unsupported content type ${record.contentType ?? '(none)'}; only HTML is extracted`);
  return { bytes: record.body, url: record.finalUrl, contentType: record.contentType ?? undefined };
}
