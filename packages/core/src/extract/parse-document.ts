/**
 * The one place that knows which DOM implementation builds the document. Everything else in
 * extract/ uses standard DOM APIs only, so this file can be swapped for a faster builder.
 *
 * jsdom 29, built for speed without giving up safety:
 * - The page is parsed with the window's DOMParser into a document that has no browsing
 *   context. jsdom skips stylesheet parsing for such documents (HTMLStyleElement-impl
 *   `_updateAStyleBlock` returns early without a defaultView), which saves the CSSOM work and
 *   avoids the crash on <style> blocks holding uncompiled SCSS. DOMParser documents are
 *   "scripting disabled", the same parse mode jsdom uses when runScripts is off (<noscript>
 *   content parses as markup), and their URL is the window's URL, so base-URL resolution is
 *   the page's.
 * - runScripts stays off and no resources are loaded (jsdom's defaults; stated for the reader).
 * - The window is closed by `close()`, and callers must call it (in a finally).
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import jsdomPackage from 'jsdom/package.json' with { type: 'json' };

export const JSDOM_VERSION: string = jsdomPackage.version;

export interface ParsedDocument {
  document: Document;
  /** Releases the window behind the document. Safe to call more than once. */
  close(): void;
}

/** Parses `html` as a text/html document whose URL is `url` (an absolute URL). */
export function parseDocument(html: string, url: string): ParsedDocument {
  // A silent console: pages cannot write to our logs (jsdom reports CSS and parse errors there).
  const dom = new JSDOM('', { url, virtualConsole: new VirtualConsole() });
  const { window } = dom;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    window.close();
  };
  try {
    const document = new window.DOMParser().parseFromString(html, 'text/html');
    return { document, close };
  } catch (error) {
    close();
    throw error;
  }
}
