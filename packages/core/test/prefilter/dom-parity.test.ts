/**
 * jsdom is the reference DOM: the pipeline's faster builder (parse5 into linkedom) must
 * give exactly jsdom's output on every core fixture and example page. Two copies of the core are
 * loaded, one with parseDocument swapped for the jsdom builder, and their results compared.
 * extract's contentHtml (kept for audit, not hashed) is left out: the two DOMs serialise it
 * differently (attribute order, `&nbsp;` vs `&#160;`) while the tree and its text are the same;
 * so is `dom`, which names the DOM each copy read the page on.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Core from '../../src/index.ts';
import { fixturePages as pages } from '../helpers/fixture-pages.ts';

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function run(fn: () => unknown): Outcome {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describe('the fast DOM gives jsdom output', () => {
  let fast: typeof Core;
  let reference: typeof Core;

  beforeAll(async () => {
    fast = await import('../../src/index.ts');
    vi.resetModules();
    vi.doMock('../../src/extract/parse-document.ts', async (importOriginal) => {
      const original = await importOriginal<typeof import('../../src/extract/parse-document.ts')>();
      return { ...original, parseDocument: original.parseDocumentWithJsdom };
    });
    reference = await import('../../src/index.ts');
    vi.doUnmock('../../src/extract/parse-document.ts');
  });

  it('loads two different builders', () => {
    expect(fast).not.toBe(reference);
  });

  for (const page of pages()) {
    it(`${page.name}: same extract and processPage results`, () => {
      const html = fast.decodeHtml(page.raw).html;
      const extracted = (core: typeof Core) => () => {
        const { contentHtml: _contentHtml, dom: _dom, ...rest } = core.extract(html, { url: page.url });
        return rest;
      };
      expect(run(extracted(fast))).toEqual(run(extracted(reference)));
      const withoutVersions = (core: typeof Core) => () => {
        const { versions: _versions, ...rest } = core.processPage(page.raw, { url: page.url });
        return rest;
      };
      expect(run(withoutVersions(fast))).toEqual(run(withoutVersions(reference)));
    });
  }
});
