/**
 * The pages in /examples through extract and processPage. Extraction keeps the noise inside the
 * article (captions with credits, ads, newsletter prompts, tags); the cleaner's rules decide what
 * leaves, so the processPage checks here hold whatever it removes: the article's own first and
 * last paragraphs stay, the noise is either still there or recorded as removed, and the site
 * chrome never reaches the text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentHash, extract, processPage, sha256Hex } from '../src/index.ts';
import type { Block, PipelineResult } from '../src/index.ts';

interface ExampleExpectation {
  url: string;
  result: Pick<PipelineResult, 'title' | 'byline' | 'siteName' | 'lang' | 'publishedAt' | 'canonicalUrl' | 'authors' | 'charset' | 'excerpt'>;
  firstParagraph: string;
  lastBlock: Block;
  firstArticleParagraph: string;
  lastArticleParagraph: string;
  paragraphCount: number;
  figures: Block[];
  noise: string[];
  absent: string[];
}

const examplesDir = new URL('../../../examples/', import.meta.url);
const expectations = JSON.parse(readFileSync(new URL('fixtures/examples/expected.json', import.meta.url), 'utf8')) as Record<
  string,
  ExampleExpectation
>;

describe('examples', () => {
  it('every example page has expectations, and every expectation a page', () => {
    const pages = readdirSync(examplesDir).filter((name) => name.endsWith('.html')).sort();
    expect(pages).toEqual(Object.keys(expectations).sort());
    expect(pages.length).toBe(5);
  });

  for (const [name, expected] of Object.entries(expectations)) {
    describe(name, () => {
      const raw = readFileSync(new URL(name, examplesDir));

      it('extract: blocks start and end with the article, figures carry src/alt/caption', () => {
        const { blocks, contentHtml } = extract(raw.toString('utf8'), { url: expected.url });
        const paragraphs = blocks.filter((block) => block.kind === 'paragraph');
        expect(paragraphs[0]!.text).toBe(expected.firstParagraph);
        expect(blocks.at(-1)).toEqual(expected.lastBlock);
        expect(paragraphs.length).toBe(expected.paragraphCount);
        expect(blocks.filter((block) => block.kind === 'figure')).toEqual(expected.figures);
        expect(contentHtml).toContain(expected.firstParagraph.slice(0, 60));
      });

      it('processPage: metadata, text, hashes', () => {
        const result = processPage(raw, { url: expected.url, contentType: 'text/html; charset=utf-8' });
        expect(result).toMatchObject(expected.result);
        const paragraphs = result.text.split('\n\n');
        expect(paragraphs).toContain(expected.firstArticleParagraph);
        expect(paragraphs).toContain(expected.lastArticleParagraph);
        const removed = result.removed.map((item) => item.text).join('\n');
        for (const noise of expected.noise) {
          for (const piece of noise.split('\n\n')) {
            const kept = result.text.includes(piece);
            const accounted = removed.includes(piece) || result.removed.some((item) => item.text && piece.includes(item.text));
            expect({ piece, keptOrRecorded: kept || accounted }).toEqual({ piece, keptOrRecorded: true });
          }
        }
        for (const chrome of expected.absent) expect(result.text).not.toContain(chrome);
        expect(result.contentHash).toBe(contentHash(result.text));
        expect(result.rawSha256).toBe(sha256Hex(raw));
        expect(result.text).not.toMatch(/\n{3}|[ \t]\n|\n[ \t]/);
      });

      it('processPage gives the same result for the bytes and for the decoded string', () => {
        const fromBytes = processPage(raw, { url: expected.url });
        const fromString = processPage(raw.toString('utf8'), { url: expected.url });
        // Only the record of how the charset was chosen differs: a string was decoded already.
        expect(fromString.charsetSource).toBe('text');
        expect({ ...fromString, charsetSource: fromBytes.charsetSource }).toEqual(fromBytes);
      });
    });
  }
});
