/**
 * The one place that knows which DOM implementation builds the document. Everything else in
 * extract/ uses standard DOM APIs only.
 *
 * The pipeline builds with linkedom: on the benchmark pages it builds and runs Readability
 * 5-7x faster than jsdom with the same F1, and its output on the core fixtures and examples is
 * the same as jsdom's (test/prefilter/dom-parity.test.ts holds that). jsdom stays as the
 * reference builder (`parseDocumentWithJsdom`) the parity test compares against.
 *
 * linkedom parses with htmlparser2, not an HTML5 tree builder; what the prefilter runs first
 * (CR LF normalisation, iframe text and templates removed, hidden elements dropped by jsdom's
 * reading of them) removes the differences that reach the article. Neither builder runs scripts
 * or loads resources.
 */
import { createRequire } from 'node:module';
import jsdomPackage from 'jsdom/package.json' with { type: 'json' };
import { EventTarget as LinkedomEventTarget, DOMParser as LinkedomParser } from 'linkedom';
import linkedomPackage from 'linkedom/package.json' with { type: 'json' };
import { LINKEDOM_INSERTION_PARENT, insertionParent } from './tree-depth.ts';

export const JSDOM_VERSION: string = jsdomPackage.version;
/**
 * patches/linkedom+0.18.14.patch (applied at install) keeps linkedom from making a WeakMap entry
 * for every node (listener maps) and every styled element, and lets the parser take each node's
 * parent from a hook (the depth cap, tree-depth.ts). The recorded version says which code built
 * the DOM. Bump the suffix when the patch changes.
 */
export const LINKEDOM_PATCH = 'vellum.4';
const linkedomPatched = !String(LinkedomEventTarget).includes('wm.set(this, new Map)');

/** The builder parseDocument uses, recorded with the pipeline versions. */
export const DOM_VERSION = `linkedom@${linkedomPackage.version}${linkedomPatched ? `+${LINKEDOM_PATCH}` : ''}`;

export interface ParsedDocument {
  document: Document;
  /** Releases what is behind the document. Safe to call more than once. */
  close(): void;
}

/** The parse's globals: the depth cap's insertion rule (tree-depth.ts). */
const LINKEDOM_GLOBALS = { [LINKEDOM_INSERTION_PARENT]: insertionParent };

/**
 * Parses `html` as a text/html document whose URL is `url` (an absolute URL). The tree is never
 * deeper than MAX_TREE_DEPTH + 1 elements (tree-depth.ts), as in a browser.
 */
export function parseDocument(html: string, url: string): ParsedDocument {
  const parser = new LinkedomParser() as unknown as { parseFromString(html: string, type: string, globals: object): Document };
  const document = parser.parseFromString(html, 'text/html', LINKEDOM_GLOBALS);
  const head = completeFrame(document);
  const base = documentBaseUrl(document, html, url);
  // linkedom has no document URL and reads the base URL from the first <base>, unresolved:
  // give the document its URL and put the resolved base URL first, so `baseURI` on any node
  // is what jsdom reports (and is found without walking the tree).
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
  return { document, close: () => {} };
}

/** Elements an HTML parser keeps in <head> when they come before any body content. */
const HEAD_ELEMENTS = new Set(['base', 'basefont', 'bgsound', 'link', 'meta', 'title', 'noscript', 'noframes', 'style', 'script', 'template']);

/**
 * Gives the document the html > head + body frame an HTML parser always builds: htmlparser2
 * builds only the tags it is given, and puts what follows </body> or </html> after the body
 * (a browser appends it to the body). Returns the head. Leaves a complete frame untouched; it
 * must not use document.head/body, which linkedom fills in by itself in the wrong place.
 */
function completeFrame(document: Document): Element {
  const topNodes = [...document.childNodes].filter((node) => node.nodeType !== node.DOCUMENT_TYPE_NODE);
  let html = topNodes.find(isElementNamed('html')) as Element | undefined;
  const strays: ChildNode[] = [];
  if (html === undefined) {
    html = document.createElement('html');
    for (const node of topNodes) html.appendChild(node);
    document.appendChild(html);
  } else {
    strays.push(...topNodes.slice(topNodes.indexOf(html) + 1).filter(isElementOrText));
  }
  const children = [...html.childNodes];
  let head = children.find(isElementNamed('head')) as Element | undefined;
  let body = children.find(isElementNamed('body')) as Element | undefined;
  if (head === undefined) {
    head = document.createElement('head');
    for (const node of children) {
      if (node === body || !(isHeadElement(node) || !isContent(node))) break;
      head.appendChild(node);
    }
    html.insertBefore(head, html.firstChild);
  }
  if (body === undefined) {
    body = document.createElement('body');
    for (const node of [...html.childNodes]) if (node !== head) body.appendChild(node);
    html.appendChild(body);
  } else {
    const after = [...html.childNodes];
    const bodyIndex = after.indexOf(body);
    for (const node of after.slice(bodyIndex + 1)) if (isElementOrText(node)) body.appendChild(node);
  }
  for (const node of strays) body.appendChild(node);
  return head;
}

function isElementNamed(name: string): (node: Node) => boolean {
  return (node) => node.nodeType === node.ELEMENT_NODE && (node as Element).localName === name;
}

function isHeadElement(node: Node): boolean {
  return node.nodeType === node.ELEMENT_NODE && HEAD_ELEMENTS.has((node as Element).localName);
}

/** After </body> and </html> a browser appends elements and text (blank too) to the body. */
function isElementOrText(node: Node): boolean {
  return node.nodeType === node.ELEMENT_NODE || node.nodeType === node.TEXT_NODE;
}

/** Elements and non-blank text: what makes a browser start the body. */
function isContent(node: Node): boolean {
  if (node.nodeType === node.ELEMENT_NODE) return true;
  return node.nodeType === node.TEXT_NODE && /[^\t\n\f\r ]/.test(node.nodeValue ?? '');
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
  return createRequire(import.meta.url)('jsdom') as typeof import('jsdom');
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
    return { document: new window.DOMParser().parseFromString(html, 'text/html'), close };
  } catch (error) {
    close();
    throw error;
  }
}
