/**
 * DOM parity on the committed sample of the public parity corpora (bench/corpora/sample: pages
 * from sites and eras the extractor was not tuned on). On every page, extract's phases on the
 * fast DOM (`parseDocument`) and on jsdom (`parseDocumentWithJsdom`, the reference) must give
 * identical text and metadata, neither may crash, unless the page's difference is listed in
 * bench/corpora/sample/allow-list.json with why it is harmless (and then it must still be that
 * difference: a stale entry fails too). `npm run bench:parity` runs the same check over the
 * full corpora.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleDir } from '../bench/corpora/manifest.ts';
import { loadCorpus } from '../bench/lib/corpora.ts';
import { compareDoms, preparePage } from '../bench/lib/parity.ts';

interface Allowed {
  verdict: string;
  why: string;
}

const sample = loadCorpus('sample');
const allowList = JSON.parse(fs.readFileSync(path.join(sampleDir, 'allow-list.json'), 'utf8')) as { pages: Record<string, Allowed> };

describe('DOM parity on the committed corpus sample', () => {
  it('is the sample the README describes: at least 100 pages from several corpora', () => {
    expect(sample.pages.length).toBeGreaterThanOrEqual(100);
    expect(new Set(sample.pages.map((p) => p.id.split('/')[0])).size).toBeGreaterThanOrEqual(3);
    for (const id of Object.keys(allowList.pages)) expect(sample.pages.map((p) => p.id)).toContain(id);
  });

  it.each(sample.pages.map((p) => [p.id, p] as const))('%s: same text and metadata on the fast DOM and on jsdom', async (id, page) => {
    const result = compareDoms(preparePage(page.raw, sample.contentType), page.url);
    const allowed = allowList.pages[id];
    // jsdom frees a closed window only once the event loop turns.
    await new Promise((resolve) => setImmediate(resolve));
    if (allowed === undefined) expect(`${result.verdict} ${result.detail}`.trim()).toBe('identical');
    else expect(result.verdict, `allow-listed as ${allowed.verdict}: ${allowed.why}`).toBe(allowed.verdict);
  });
});
