/**
 * Collects the visible text of inline content the way a browser lays it out: runs of HTML
 * whitespace collapse to one space, <br> is a line break, a block nested where only inline
 * content was expected starts a new line. Links and images met on the way are collected for
 * the block being built.
 */

/** Elements whose content is never visible text. */
export const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base',
  'svg', 'iframe', 'frame', 'frameset', 'object', 'embed', 'video', 'audio', 'canvas', 'map',
  'button', 'input', 'select', 'textarea', 'datalist', 'option', 'dialog',
]);

/** Elements that start a new block (HTML's block-level and table structure elements). */
export const BLOCK_TAGS = new Set([
  'html', 'body', 'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details',
  'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr',
  'td', 'th', 'ul',
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const HTML_WHITESPACE = /[\t\n\f\r ]+/g;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

export interface Link {
  text: string;
  href: string;
}

/** Inline content gathered for one block. */
export class InlineText {
  private raw = '';
  readonly links: Link[] = [];
  readonly images: Element[] = [];

  /** The collected text: spaces collapsed, lines trimmed, no empty lines. */
  text(): string {
    return finishLines(this.raw);
  }

  isEmpty(): boolean {
    return this.raw.trim() === '' && this.images.length === 0;
  }

  addText(data: string): void {
    this.raw += data.replace(HTML_WHITESPACE, ' ');
  }

  addBreak(): void {
    this.raw += '\n';
  }

  /** Adds `node` and everything inline under it; `skip` names elements handled elsewhere. */
  addNode(node: Node, skip?: (element: Element) => boolean): void {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      this.addText((node as CharacterData).data);
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as Element;
    const tag = tagName(element);
    if (isInvisible(element, tag) || skip?.(element)) return;
    if (tag === 'br') return this.addBreak();
    if (tag === 'img') {
      this.images.push(element);
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) this.addBreak();
    const start = this.raw.length;
    for (const child of element.childNodes) this.addNode(child, skip);
    if (tag === 'a') this.addLink(element, this.raw.slice(start));
    if (block) this.addBreak();
  }

  private addLink(anchor: Element, rawText: string): void {
    const href = anchor.getAttribute('href')?.trim();
    if (!href) return;
    this.links.push({ text: rawText.replace(/\s+/g, ' ').trim(), href: absoluteUrl(href, anchor) });
  }
}

/** Lower-case local name; standard DOM gives upper case for HTML elements in tagName. */
export function tagName(element: Element): string {
  return element.localName.toLowerCase();
}

export function isInvisible(element: Element, tag: string = tagName(element)): boolean {
  if (SKIPPED_TAGS.has(tag) || element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

/** Resolves against the node's document base URL; an unresolvable value is kept as written. */
export function absoluteUrl(value: string, node: Node): string {
  try {
    return new URL(value, node.baseURI ?? undefined).href;
  } catch {
    return value;
  }
}

/** Collapses spaces, trims every line and drops empty lines. */
export function finishLines(raw: string): string {
  const lines: string[] = [];
  for (const line of raw.split('\n')) {
    const text = line.replace(/ {2,}/g, ' ').trim();
    if (text) lines.push(text);
  }
  return lines.join('\n');
}
