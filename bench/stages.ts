/**
 * Per-stage cost of the process stage: `processPage`'s steps run one by one on every page of a
 * corpus, each timed (CPU time of the process, and wall time), after warm-up passes that are not
 * counted (V8 compiles on the first pages). Each page's text is checked against `processPage`'s,
 * so the steps timed are the ones the pipeline runs (the quality gate and the choice of metadata
 * are not timed: they cost next to nothing).
 *
 *   npx tsx bench/stages.ts [--corpus scrapinghub|sample] [--passes N] [--warmup N]
 *
 * Stages: decode, prefilter, parse (DOM build), metadata (readPageMetadata), readability,
 * blockify, clean, normalize (blocksToText), hash+store (contentHash, sha256 of the raw bytes,
 * storable, versions). The fast path's retry (extract's second try on the whole page) is
 * counted in the stages it runs again.
 */
import { performance } from 'node:perf_hooks';
import { clean, contentHash, decodeHtml, pipelineVersions, prefilter, processPage, sha256Hex, blocksToText } from '@vellum/core';
import { blockify } from '../packages/core/src/extract/blockify.ts';
import { parseDocument } from '../packages/core/src/extract/parse-document.ts';
import { readPageMetadata } from '../packages/core/src/extract/read-page-metadata.ts';
import { FirstPassFailed, runReadability } from '../packages/core/src/extract/run-readability.ts';
import { loadCorpus } from './lib/corpora.ts';
import { table } from './lib/stats.ts';

const STAGES = ['decode', 'prefilter', 'parse', 'metadata', 'readability', 'blockify', 'clean', 'normalize', 'hash+store'] as const;
type Stage = (typeof STAGES)[number];

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

class Clock {
  readonly cpu = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  readonly wall = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  on = false;
  time<T>(stage: Stage, run: () => T): T {
    if (!this.on) return run();
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    try {
      return run();
    } finally {
      const c = process.cpuUsage(c0);
      this.cpu.set(stage, this.cpu.get(stage)! + (c.user + c.system) / 1000);
      this.wall.set(stage, this.wall.get(stage)! + performance.now() - w0);
    }
  }
}

/** extract's steps (extract/index.ts) with the fast path and its retry; null: no article. */
function extractTimed(clock: Clock, html: string, url: string) {
  const prefiltered = clock.time('prefilter', () => {
    const p = prefilter(html);
    return { withoutUnlikely: p.withoutUnlikely, html: p.withoutUnlikely === null ? p.html : null, lazy: p };
  });
  const attempt = (source: string, firstPassOnly: boolean) => {
    const { document } = clock.time('parse', () => parseDocument(source, url));
    clock.time('metadata', () => readPageMetadata(document, url));
    let article;
    try {
      article = clock.time('readability', () => runReadability(document, { firstPassOnly }));
    } catch (error) {
      if (error instanceof FirstPassFailed) return 'retry' as const;
      throw error;
    }
    if (!article) return firstPassOnly ? ('retry' as const) : null;
    return clock.time('blockify', () => blockify(article.content));
  };
  const fast = prefiltered.withoutUnlikely === null ? 'retry' : attempt(prefiltered.withoutUnlikely, true);
  if (fast !== 'retry') return fast;
  const whole = prefiltered.html ?? clock.time('prefilter', () => prefiltered.lazy.html);
  const slow = attempt(whole, false);
  return slow === 'retry' ? null : slow;
}

function main(): void {
  const argv = process.argv.slice(2);
  const corpus = loadCorpus(option(argv, 'corpus') ?? 'scrapinghub');
  const passes = Number(option(argv, 'passes') ?? 3);
  const warmup = Number(option(argv, 'warmup') ?? 1);
  const clock = new Clock();
  let mismatched = 0;
  let timedPages = 0;
  // processPage's outcome per page, found in the first (untimed) pass.
  const expected = corpus.pages.map((page) => {
    try {
      return processPage(page.raw, { url: page.url, contentType: corpus.contentType });
    } catch {
      return null;
    }
  });
  for (let pass = 0; pass < warmup + passes; pass++) {
    clock.on = pass >= warmup;
    for (const [i, page] of corpus.pages.entries()) {
      const want = expected[i]!;
      const { html } = clock.time('decode', () => decodeHtml(page.raw, corpus.contentType));
      let blocks;
      try {
        blocks = extractTimed(clock, html, page.url);
      } catch {
        blocks = null;
      }
      let text: string | null = null;
      if (blocks) {
        const options = { url: page.url, title: want?.title ?? null, byline: want?.byline ?? null };
        const cleaned = clock.time('clean', () => clean(blocks, options));
        text = clock.time('normalize', () => blocksToText(cleaned.blocks));
        clock.time('hash+store', () => {
          contentHash(text!);
          sha256Hex(page.raw);
          pipelineVersions(options);
        });
      }
      if (pass === 0 && want !== null && text !== want.text) mismatched++;
      if (clock.on) timedPages++;
    }
  }
  const rows = STAGES.map((s) => [s, (clock.cpu.get(s)! / timedPages).toFixed(2), (clock.wall.get(s)! / timedPages).toFixed(2)]);
  const cpuTotal = [...clock.cpu.values()].reduce((a, b) => a + b, 0);
  const wallTotal = [...clock.wall.values()].reduce((a, b) => a + b, 0);
  rows.push(['total', (cpuTotal / timedPages).toFixed(2), (wallTotal / timedPages).toFixed(2)]);
  console.log(`${corpus.name}: ${corpus.pages.length} pages x ${passes} timed passes (after ${warmup} warm-up)`);
  console.log(table(['stage', 'CPU ms/page', 'wall ms/page'], rows));
  console.log(`pages per CPU-second over the stages: ${((timedPages / cpuTotal) * 1000).toFixed(1)}`);
  if (mismatched > 0) console.log(`WARNING: ${mismatched} pages gave other text here than in processPage`);
}

main();
