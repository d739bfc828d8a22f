/**
 * readability-walks.ts replaces five of Readability's checks with cheaper walks that must give
 * the same answers. Here every call Readability makes to them, on real pages, in the DOM state of
 * the moment (Readability mutates the page as it goes), is answered by both the override and the
 * original, on the pipeline's DOM and on jsdom; and the originals' sources are pinned, so a
 * Readability upgrade that changes one of them fails here before it can change an output.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { decodeHtml, prefilter } from '../src/index.ts';
import { parseDocument, parseDocumentWithJsdom, type ParsedDocument } from '../src/extract/parse-document.ts';
import { FasterReadability, OVERRIDDEN_METHODS } from '../src/extract/readability-walks.ts';
import { fixturePages } from './helpers/fixture-pages.ts';

type Method = (typeof OVERRIDDEN_METHODS)[number];
type Methods = Record<Method, (...args: unknown[]) => unknown>;
const original = Readability.prototype as unknown as Methods;
const faster = FasterReadability.prototype as unknown as Methods;

/** sha256 of each original's source in @mozilla/readability 0.6.0, from which the override was derived. */
const ORIGINAL_SOURCES: Record<Method, string> = {
  _isValidByline: '9cf9dbce082290f668cbb772aa65c1177772e3309980096a923f7024009823e5',
  _isElementWithoutContent: 'fd87e9b386b6e7ad06747b3e1ecffafda4e3588ca1424de0fe4232612498b588',
  _isProbablyVisible: 'e9daf2ed0ba6a1c5d95ccd1262c1b2d9a034fb35f637989aad4eda7235ac9707',
  _hasChildBlockElement: 'cf7981226e68c7dbeb07265e0b7e6c1442eea4291b771f18197574fadba3311a',
  _hasSingleTagInsideElement: '95e939b48fefae101558e081e19ac79db5f364d91dba5539e352d7824de1b563',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Page {
  name: string;
  raw: Buffer;
  url: string;
}

function samplePages(): Page[] {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bench/corpora/sample');
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as Record<string, { url: string }>;
  return Object.entries(index).map(([key, { url }]) => ({
    name: `sample/${key}`,
    raw: gunzipSync(readFileSync(path.join(dir, 'html', `${key}.html.gz`))),
    url,
  }));
}

/**
 * Runs Readability (with the overrides) over the page as extract does, the fast path's page
 * first; every call to an overridden method is also put to the original. Returns the calls
 * made and those whose answers differed.
 */
function crossCheck(page: Page, build: (html: string, url: string) => ParsedDocument) {
  const checked = Object.fromEntries(OVERRIDDEN_METHODS.map((method) => [method, 0])) as Record<Method, number>;
  const differing: string[] = [];
  const Checking = class extends (FasterReadability as unknown as new (doc: Document, options?: object) => object) {};
  for (const method of OVERRIDDEN_METHODS) {
    (Checking.prototype as Methods)[method] = function (this: object, ...args: unknown[]) {
      const answer = faster[method].apply(this, args);
      const reference = original[method].apply(this, args);
      checked[method]++;
      if (Boolean(answer) !== Boolean(reference)) differing.push(`${page.name}: ${method} gave ${String(answer)}, the original ${String(reference)}`);
      return answer;
    };
  }
  const prefiltered = prefilter(decodeHtml(page.raw, 'text/html').html);
  for (const html of [prefiltered.withoutUnlikely, prefiltered.html]) {
    if (html === null) continue;
    const { document, close } = build(html, page.url);
    try {
      (new Checking(document) as { parse(): unknown }).parse();
    } finally {
      close();
    }
  }
  return { checked, differing };
}

describe('readability-walks: the overrides answer as Readability 0.6.0 does', () => {
  it('overrides the methods whose sources it was derived from (a changed Readability fails here)', () => {
    for (const method of OVERRIDDEN_METHODS) {
      expect({ method, sha256: sha256(original[method]!.toString()) }).toEqual({ method, sha256: ORIGINAL_SOURCES[method] });
      expect(faster[method]).not.toBe(original[method]);
    }
  });

  const pages = [...fixturePages(), ...samplePages()];

  // A fixed amount of work, CPU only: with the suite's other files sharing the two cores it took
  // 54 s and 63 s (load average 17), past the default 60 s. The limit only guards against a hang.
  it(`every call on the pipeline's DOM, over ${pages.length} fixture and sample pages`, { timeout: 600_000 }, () => {
    const totals: Record<string, number> = {};
    const differing: string[] = [];
    for (const page of pages) {
      const result = crossCheck(page, parseDocument);
      for (const [method, n] of Object.entries(result.checked)) totals[method] = (totals[method] ?? 0) + n;
      differing.push(...result.differing);
    }
    expect(differing).toEqual([]);
    // The checks ran: each method was asked many times.
    for (const method of OVERRIDDEN_METHODS) expect(totals[method]).toBeGreaterThan(500);
  });

  it('every call on jsdom, over the fixture pages and 10 sample pages', { timeout: 600_000 }, () => {
    const differing: string[] = [];
    let calls = 0;
    for (const page of [...fixturePages(), ...samplePages().slice(0, 10)]) {
      const result = crossCheck(page, parseDocumentWithJsdom);
      calls += Object.values(result.checked).reduce((a, b) => a + b, 0);
      differing.push(...result.differing);
    }
    expect(differing).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
  });
});
