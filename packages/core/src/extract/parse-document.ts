/**
 * The one place that knows which DOM implementation builds the document. Everything else in
 * extract/ uses standard DOM APIs only.
 *
 * The pipeline builds the tree with parse5 (the WHATWG tree construction algorithm, the one
 * jsdom uses) into linkedom's light DOM (html5-builder.ts): the trees are a browser's, and
 * Readability walks them several times faster than jsdom's. jsdom stays as the reference builder
 * (`parseDocumentWithJsdom`): the parity tests compare against it, and extract falls back to it
 * when the fast DOM or Readability on it fails. Neither builder runs scripts or loads resources.
 */
import { createRequire } from 'node:module';
import { EventTarget as LinkedomEventTarget } from 'linkedom';
import linkedomPackage from 'linkedom/package.json' with { type: 'json' };
import { buildHtml5Document } from './html5-builder.ts';

/**
 * patches/linkedom+0.18.14.patch (applied at install) keeps linkedom from making a WeakMap entry
 * for every node (listener maps) and every styled element, and caches what Readability reads
 * on every node. The recorded version says which code built the DOM. Bump the suffix when the
 * patch changes.
 */
export const LINKEDOM_PATCH = 'vellum.5';
const linkedomPatched = !String(LinkedomEventTarget).includes('wm.set(this, new Map)');

/** parse5 exports no package.json: its manifest is two folders above its entry point. */
const require = createRequire(import.meta.url);
const parse5Package = require(require.resolve('parse5').replace(/dist[\\/]index\.js$/, 'package.json')) as { name: string; version: string };
if (parse5Package.name !== 'parse5') throw new Error('cannot find the version of parse5');

/** The DOM parseDocument builds, recorded with the pipeline versions (`versions.dom`). */
export const DOM_VERSION = `parse5@${parse5Package.version}+linkedom@${linkedomPackage.version}${linkedomPatched ? `+${LINKEDOM_PATCH}` : ''}`;

/** The version of jsdom, loaded only when a page falls back to it. */
export function jsdomVersion(): string {
  return (require('jsdom/package.json') as { version: string }).version;
}

export interface ParsedDocument {
  document: Document;
  /** The DOM that built it, as recorded in `versions.dom`. */
  dom: string;
  /** Releases what is behind the document. Safe to call more than once. */
  close(): void;
}

/**
 * Parses `html` as a text/html document whose URL is `url` (an absolute URL). The tree is never
 * deeper than MAX_TREE_DEPTH + 1 elements (tree-depth.ts), as in a browser.
 */
export function parseDocument(html: string, url: string): ParsedDocument {
  const document = buildHtml5Document(html);
  const head = document.documentElement.firstElementChild!;
  const frameset = head.nextElementSibling;
  // In a frameset document the frameset is the body (linkedom would make a <body> for it).
  if (frameset?.localName === 'frameset') Object.defineProperty(document, 'body', { value: frameset });
  const base = documentBaseUrl(document, html, url);
  // linkedom has no document URL and reads the base URL from the first <base>, unresolved:
  // give the document its URL and put the resolved base URL first, so `baseURI` on any node
  // is what jsdom reports (and is found without walking the tree).
  Object.defineProperty(document, 'title', { get: () => documentTitle(document) });
  Object.defineProperty(document, 'documentURI', { value: url });
  Object.defineProperty(document, 'URL', { value: url });
  // In an HTML document createElement lowercases the name (Readability asks for "DIV").
  const createElement = document.createElement.bind(document);
  Object.defineProperty(document, 'createElement', {
    value: (name: string, options?: ElementCreationOptions) => createElement(name.toLowerCase(), options),
  });
  const baseElement = document.createElement('base');
  baseElement.setAttribute('href', base);
  head.insertBefore(baseElement, head.firstChild);
  keepBodyForRetries(document.body);
  return { document, dom: DOM_VERSION, close: () => {} };
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * document.title as the HTML standard (and jsdom) read it: the text of the first HTML <title>
 * anywhere in the document, whitespace collapsed (linkedom looks only in <head>, where a page's
 * <title> need not be).
 */
function documentTitle(document: Document): string {
  let title = document.querySelector('title');
  if (title !== null && title.namespaceURI !== HTML_NS) {
    title = [...document.querySelectorAll('title')].find((element) => element.namespaceURI === HTML_NS) ?? null;
  }
  if (title === null) return '';
  let value = '';
  for (const child of title.childNodes) if (child.nodeType === child.TEXT_NODE) value += (child as Text).data;
  return value.replace(/[\t\n\f\r ]+/g, ' ').replace(/^ | $/g, '');
}

/**
 * Readability reads the body's HTML before its first pass and writes it back to start a pass
 * again. Written back, linkedom would parse it with its own (non-HTML5) parser: instead the body
 * keeps a copy of its children when read and takes a fresh copy of them back when given what the
 * read returned, so every pass starts from the tree the page was built into. The read returns a
 * token (an HTML comment naming the copy), not the body serialised: Readability 0.6.0 uses that
 * string for nothing but the write back, and serialising a whole page cost more than copying it
 * (~2.6 ms against ~1.6 ms a page). Any other HTML written goes to linkedom's own setter.
 */
function keepBodyForRetries(body: HTMLElement): void {
  const inner = findDescriptor(body, 'innerHTML');
  let saved: { token: string; children: DocumentFragment } | undefined;
  let reads = 0;
  Object.defineProperty(body, 'innerHTML', {
    configurable: true,
    get: () => {
      const children = body.ownerDocument.createDocumentFragment();
      for (const child of body.childNodes) children.appendChild(child.cloneNode(true));
      saved = { token: `<!-- vellum: the body as read (copy ${++reads}) -->`, children };
      return saved.token;
    },
    set: (html: string) => {
      if (saved === undefined || html !== saved.token) {
        inner.set!.call(body, html);
        return;
      }
      body.replaceChildren(saved.children.cloneNode(true));
    },
  });
}

function findDescriptor(object: object, name: string): PropertyDescriptor {
  for (let proto: object | null = object; proto !== null; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor !== undefined) return descriptor;
  }
  throw new Error(`the DOM has no ${name} property`);
}

/**
 * The HTML document base URL: the first <base href> resolved against the page URL, else the
 * page URL (also when the href does not parse).
 */
function documentBaseUrl(document: Document, html: string, url: string): string {
  // Most pages have no <base>: a text search spares walking the whole tree to find none.
  if (!/<base[\s/>]/i.test(html)) return url;
  const href = document.querySelector('base[href]')?.getAttribute('href');
  if (href === null || href === undefined) return url;
  try {
    return new URL(href, url).href;
  } catch {
    return url;
  }
}

/**
 * jsdom takes ~100 MB of memory once loaded and only the reference builder uses it, so it is
 * loaded on first use, not with the pipeline (a CommonJS require keeps the builder synchronous).
 */
function loadJsdom(): typeof import('jsdom') {
  return require('jsdom') as typeof import('jsdom');
}

/** The reference builder: jsdom 29, its DOMParser in a window with no scripts or resources. */
export function parseDocumentWithJsdom(html: string, url: string): ParsedDocument {
  // A DOMParser document has no browsing context, so jsdom skips stylesheet parsing (the CSSOM
  // work, and the crash on <style> holding uncompiled SCSS). A silent console: pages cannot
  // write to our logs.
  const { JSDOM, VirtualConsole } = loadJsdom();
  const { window } = new JSDOM('', { url, virtualConsole: new VirtualConsole() });
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    window.close();
  };
  try {
    return { document: new window.DOMParser().parseFromString(html, 'text/html'), dom: `jsdom@${jsdomVersion()}`, close };
  } catch (error) {
    close();
    throw error;
  }
}
