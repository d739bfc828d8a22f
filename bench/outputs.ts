/**
 * The outputs digest: one SHA-256 over `processPage`'s whole result (or its error's name and
 * message) for every page of the ScrapingHub set and the committed 120-page sample. A change
 * that is meant to be speed-only must leave the digest as it was (run it before and after).
 *
 *   npm run bench:outputs                     the digest, and one per corpus
 *   npm run bench:outputs -- --pages FILE     also write each page's own digest to FILE (JSON), to
 *                                             find which pages changed between two runs
 *   --corpus a,b                              other corpora (default scrapinghub,sample)
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { processPage } from '@vellum/core';
import { loadCorpus } from './lib/corpora.ts';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** What one page gives: its full result, or the error it throws (a recorded outcome too). */
function outcome(raw: Uint8Array, url: string, contentType: string): string {
  try {
    return JSON.stringify(processPage(raw, { url, contentType }));
  } catch (error) {
    const e = error as Error;
    return JSON.stringify({ error: e.name, message: e.message });
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log('usage: tsx bench/outputs.ts [--corpus scrapinghub,sample] [--pages FILE]');
    return;
  }
  const names = (option(argv, 'corpus') ?? 'scrapinghub,sample').split(',').filter(Boolean);
  const all = createHash('sha256');
  const perPage: Record<string, string> = {};
  for (const name of names) {
    const corpus = loadCorpus(name);
    const digest = createHash('sha256');
    for (const page of corpus.pages) {
      const pageDigest = createHash('sha256').update(outcome(page.raw, page.url, corpus.contentType)).digest('hex');
      perPage[page.id] = pageDigest;
      digest.update(`${page.id} ${pageDigest}\n`);
      all.update(`${page.id} ${pageDigest}\n`);
    }
    console.log(`${name}: ${corpus.pages.length} pages, outputs ${digest.digest('hex')}`);
  }
  const pagesFile = option(argv, 'pages');
  if (pagesFile !== undefined) fs.writeFileSync(pagesFile, JSON.stringify(perPage, null, 1));
  console.log(`outputs digest: ${all.digest('hex')}`);
}

main();
