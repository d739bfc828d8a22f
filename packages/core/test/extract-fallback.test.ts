/**
 * Never a crash (issue 12): when the pipeline's DOM or Readability on it throws, extract reads
 * the page again on the reference DOM (jsdom) and says so in `dom`/`versions.dom`; when that
 * throws too, it throws UnreadablePageError. The fault is real: the pipeline's builder is
 * swapped for linkedom's former parser (htmlparser2), on which Readability throws a TypeError on
 * the div-in-head fixture; for the last case the reference is swapped for it too.
 */
import { readFileSync } from 'node:fs';
import { DOMParser as LinkedomParser } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Core from '../src/index.ts';
import type * as ParseDocument from '../src/extract/parse-document.ts';

const html = readFileSync(new URL('fixtures/extract/div-in-head.html', import.meta.url), 'utf8');
const expected = JSON.parse(readFileSync(new URL('fixtures/extract/div-in-head.json', import.meta.url), 'utf8')) as { url: string; blocks: unknown[] };
const url = expected.url;

/** The builder before issue 12: linkedom's own parser. */
const formerBuilder: typeof ParseDocument.parseDocument = (source) => ({
  document: new LinkedomParser().parseFromString(source, 'text/html') as unknown as Document,
  dom: 'linkedom-htmlparser2',
  close: () => {},
});

async function coreWith(swap: (original: typeof ParseDocument) => Partial<typeof ParseDocument>): Promise<typeof Core> {
  vi.resetModules();
  vi.doMock('../src/extract/parse-document.ts', async (importOriginal) => {
    const original = await importOriginal<typeof ParseDocument>();
    return { ...original, ...swap(original) };
  });
  return import('../src/index.ts');
}

afterEach(() => {
  vi.doUnmock('../src/extract/parse-document.ts');
  vi.resetModules();
});

describe('extract falls back to the reference DOM', () => {
  it('reads the page on jsdom when Readability throws on the fast DOM, and names jsdom as the DOM', async () => {
    const core = await coreWith(() => ({ parseDocument: formerBuilder }));
    const result = core.extract(html, { url });
    expect(result.blocks).toEqual(expected.blocks);
    expect(result.dom).toMatch(/^jsdom@\d+\.\d+\.\d+$/);
    const processed = core.processPage(html, { url });
    expect(processed.versions.dom).toBe(result.dom);
    // The pipeline version names the DOM too: a page read on jsdom is told apart.
    expect(processed.versions.pipeline).not.toBe(core.pipelineVersions().pipeline);
  });

  it('throws UnreadablePageError, a permanent error saying what failed, when jsdom fails too', async () => {
    const core = await coreWith(() => ({ parseDocument: formerBuilder, parseDocumentWithJsdom: formerBuilder }));
    let error: unknown;
    try {
      core.extract(html, { url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(core.UnreadablePageError);
    expect(error).toBeInstanceOf(core.PermanentError);
    expect((error as Core.UnreadablePageError).code).toBe('unreadable-page');
    expect(core.isRetryable(error)).toBe(false);
    expect((error as Error).message).toContain("TypeError: Cannot read properties of null (reading 'tagName')");
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('does not retry typed outcomes: a page with no article is NotAnArticleError on the fast DOM alone', async () => {
    const core = await coreWith((original) => ({
      parseDocumentWithJsdom: () => {
        throw new Error('the reference DOM must not be used');
      },
      parseDocument: original.parseDocument,
    }));
    expect(() => core.extract('<html><body><nav><a href="/a">Home</a></nav></body></html>', { url })).toThrow(core.NotAnArticleError);
  });
});
