/**
 * What the benchmark can run over a page: each mode turns raw page bytes into article text.
 *
 * - `readability`: the baseline, plain Readability 0.6.0 on jsdom (jsdom decodes the bytes
 *   itself), `textContent` as the article body, the window closed after each page.
 * - `readability-prefiltered`: the baseline fed Vellum's decoded and prefiltered HTML, to see what
 *   the prefilter alone buys.
 * - `vellum`: Vellum's whole process stage, `processPage` (prefilter, extract, clean, normalize,
 *   hash), with `text` as the article body.
 * - `vellum-no-clean`: the process stage without clean (decode, extract, blocksToText, hash), to
 *   show what the cleaner costs and buys.
 * - `vellum-undeclared`: `vellum` given the bytes with no charset (Content-Type `text/html`), as a
 *   server that declares none or a saved file (`vellum extract page.html`) gives them: the pages
 *   that declare nothing in their HTML either are decoded by the charset guess.
 */
import type { JSDOM } from 'jsdom';

/**
 * The data set's pages are all UTF-8 (its README) but some declare no charset in the HTML: a fetch
 * would have had it from the Content-Type header, so every mode is given that header.
 */
export const PAGE_CONTENT_TYPE = 'text/html; charset=utf-8';

export type ModeName = 'readability' | 'readability-prefiltered' | 'vellum' | 'vellum-no-clean' | 'vellum-undeclared';
export const MODE_NAMES: readonly ModeName[] = ['readability', 'readability-prefiltered', 'vellum', 'vellum-no-clean', 'vellum-undeclared'];

export type RunPage = (raw: Uint8Array, url: string) => string;

type ReadabilityClass = typeof import('@mozilla/readability').Readability;

function readabilityText(Readability: ReadabilityClass, dom: JSDOM): string {
  try {
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  } finally {
    dom.window.close();
  }
}

/**
 * jsdom and Readability are loaded only by the modes that run them: loaded in a Vellum run they
 * would sit in its heap (~55 MB, marked by every major collection) and its RSS, which production
 * never has (extract loads jsdom only for a page that falls back to it).
 */
async function loadBaseline() {
  const [{ Readability }, { JSDOM, VirtualConsole }] = await Promise.all([import('@mozilla/readability'), import('jsdom')]);
  return { Readability, JSDOM, VirtualConsole };
}

/** `contentType`: what a fetch would have given (bench/lib/corpora.ts says it per corpus). */
export async function createMode(name: ModeName, contentType: string = PAGE_CONTENT_TYPE): Promise<RunPage> {
  switch (name) {
    case 'readability': {
      const { Readability, JSDOM, VirtualConsole } = await loadBaseline();
      // A silent console: jsdom's CSS parse errors are noise here, not part of the work.
      return (raw, url) =>
        readabilityText(Readability, new JSDOM(raw, { url, contentType, virtualConsole: new VirtualConsole() }));
    }
    case 'readability-prefiltered': {
      const { Readability, JSDOM, VirtualConsole } = await loadBaseline();
      const core = await import('@vellum/core');
      return (raw, url) => {
        const { html } = core.decodeHtml(raw, contentType);
        return readabilityText(Readability, new JSDOM(core.prefilterHtml(html), { url, virtualConsole: new VirtualConsole() }));
      };
    }
    case 'vellum': {
      const core = await import('@vellum/core');
      return (raw, url) => core.processPage(raw, { url, contentType }).text;
    }
    case 'vellum-undeclared': {
      const core = await import('@vellum/core');
      return (raw, url) => core.processPage(raw, { url, contentType: 'text/html' }).text;
    }
    case 'vellum-no-clean': {
      const core = await import('@vellum/core');
      return (raw, url) => {
        const text = core.blocksToText(core.extract(core.decodeHtml(raw, contentType).html, { url }).blocks);
        core.contentHash(text);
        return text;
      };
    }
    default:
      throw new Error(`unknown mode ${String(name)}: use one of ${MODE_NAMES.join(', ')}`);
  }
}
