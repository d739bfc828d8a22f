/**
 * What Readability's overrides (extract/readability-walks.ts) buy, measured so that load on a
 * shared machine does not decide the answer: Readability with every override against
 * Readability without the named ones, both run on every page, one right after the other (the
 * order alternating), each on a DOM of its own; only Readability's CPU time is counted.
 * Separate runs drift by ±10-20% at a load of 10-18 on 2 cores; paired per page, one pass's
 * ratio still moves by ±5%, so an effect under ~3% needs --passes 10 or more to show (the
 * per-pass ratios are printed: read the spread before the total).
 *
 *   npx tsx bench/readability-ab.ts --without _isProbablyVisible,_hasChildBlockElement
 *     [--corpus scrapinghub|sample] [--passes N] (default 4, after one warm-up pass)
 *
 * Each page is read as extract reads it: the fast path's page with Readability's retry cut off
 * when its first pass succeeds there, else the whole prefiltered page. Both variants' articles
 * must have the same text (checked on every page: an override that changed an answer shows here).
 * Both variants are subclasses of the same prototype chain, built once, so neither pays for the
 * other's inline caches being reshaped.
 */
import os from 'node:os';
import { Readability } from '@mozilla/readability';
import { decodeHtml, prefilter } from '@vellum/core';
import { parseDocument } from '../packages/core/src/extract/parse-document.ts';
import { FasterReadability, OVERRIDDEN_METHODS } from '../packages/core/src/extract/readability-walks.ts';
import { loadCorpus } from './lib/corpora.ts';

type ReaderClass = new (document: Document, options: object) => { parse(): { content: Element } | null };

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Readability with the overrides named. */
function variant(methods: readonly string[]): ReaderClass {
  const Reader = class extends Readability<Element> {};
  const from = FasterReadability.prototype as unknown as Record<string, unknown>;
  for (const method of methods) (Reader.prototype as unknown as Record<string, unknown>)[method] = from[method];
  return Reader as unknown as ReaderClass;
}

class RetryCutOff extends Error {}

/** As run-readability.ts's firstPassOnly: no body HTML kept, and a second pass stops the run. */
function cutOffRetry(body: HTMLElement): void {
  Object.defineProperty(body, 'innerHTML', {
    configurable: true,
    get: () => '',
    set: () => {
      throw new RetryCutOff();
    },
  });
}

const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

function main(): void {
  const argv = process.argv.slice(2);
  const without = (option(argv, 'without') ?? '').split(',').filter(Boolean);
  for (const method of without) {
    if (!(OVERRIDDEN_METHODS as readonly string[]).includes(method)) throw new Error(`${method} is not overridden: ${OVERRIDDEN_METHODS.join(', ')}`);
  }
  if (without.length === 0) throw new Error(`name the overrides to leave out: --without ${OVERRIDDEN_METHODS.join(',')}`);
  const passes = Number(option(argv, 'passes') ?? 4);
  const corpus = loadCorpus(option(argv, 'corpus') ?? 'scrapinghub');
  const variants = { with: variant(OVERRIDDEN_METHODS), without: variant(OVERRIDDEN_METHODS.filter((m) => !without.includes(m))) };
  const read = (Reader: ReaderClass, html: string, url: string, cutOff: boolean) => {
    const { document, close } = parseDocument(html, url);
    if (cutOff) cutOffRetry(document.body);
    const started = cpuMs();
    let text: string | null;
    try {
      text = new Reader(document, { serializer: (node: Element) => node }).parse()?.content.textContent ?? null;
    } catch (error) {
      if (!(error instanceof RetryCutOff)) throw error;
      text = null;
    }
    const ms = cpuMs() - started;
    close();
    return { ms, text };
  };
  // The page extract's article comes from, and whether the retry is cut off there.
  const pages = corpus.pages.map((page) => {
    const prefiltered = prefilter(decodeHtml(page.raw, corpus.contentType).html);
    const fast = prefiltered.withoutUnlikely;
    if (fast !== null && read(variants.with, fast, page.url, true).text !== null) return { url: page.url, html: fast, cutOff: true };
    return { url: page.url, html: prefiltered.html, cutOff: false };
  });
  const total = { with: 0, without: 0 };
  const ratios: string[] = [];
  let differing = 0;
  for (let pass = 0; pass <= passes; pass++) {
    const sum = { with: 0, without: 0 };
    pages.forEach((page, i) => {
      const order = (i + pass) % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      const texts: Array<string | null> = [];
      for (const name of order) {
        const { ms, text } = read(variants[name], page.html, page.url, page.cutOff);
        sum[name] += ms;
        texts.push(text);
      }
      if (pass === 0 && texts[0] !== texts[1]) differing++;
    });
    if (pass === 0) continue; // warm-up
    total.with += sum.with;
    total.without += sum.without;
    ratios.push((sum.with / sum.without).toFixed(3));
  }
  const n = pages.length * passes;
  console.log(`${corpus.name}: ${pages.length} pages x ${passes} passes (after 1 warm-up), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`Readability CPU ms/page: with every override ${(total.with / n).toFixed(2)}, without ${without.join(', ')} ${(total.without / n).toFixed(2)}`);
  console.log(`ratio with/without ${(total.with / total.without).toFixed(3)} (per pass ${ratios.join(' ')})`);
  console.log(differing === 0 ? 'same article text on every page' : `DIFFERENT article text on ${differing} pages`);
  if (differing > 0) process.exitCode = 1;
}

main();
