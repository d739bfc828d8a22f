/**
 * Turns Readability's content element into Block[] in document order.
 *
 * Containers (div, section, article, blockquote, table cells holding blocks, …) are
 * descended; their loose inline text becomes paragraph blocks (quote blocks inside a
 * blockquote). Leaves (p, h1-h6, li, pre, figcaption, simple table rows) become one block
 * each. Images become `figure` blocks: a <figure>'s first image carries the figcaption text
 * as `caption`, and the figcaption itself follows as a `caption` block so its text stays in
 * the article until a cleaning rule takes it out (and records that). Images inside a leaf
 * follow that leaf's block.
 */
import type { Block, BlockKind } from '../types.ts';
import { BLOCK_TAGS, InlineText, absoluteUrl, finishLines, isInvisible, tagName } from './inline-text.ts';

const ELEMENT_NODE = 1;
const LIST_TAGS = new Set(['ul', 'ol', 'menu', 'dir']);
/** Content that makes a table cell a layout container rather than a data cell. */
const CELL_BLOCK_SELECTOR = 'p, div, ul, ol, table, blockquote, pre, figure, h1, h2, h3, h4, h5, h6, section, article';

type ParagraphKind = Extract<BlockKind, 'paragraph' | 'quote'>;

interface FigureContext {
  caption: string | null;
  captionUsed: boolean;
}

export function blockify(root: Element): Block[] {
  return new Blockifier().run(root);
}

class Blockifier {
  private readonly blocks: Block[] = [];
  private nextListId = 1;
  private figure: FigureContext | null = null;

  run(root: Element): Block[] {
    this.container(root, 'paragraph');
    return this.blocks;
  }

  /** Walks a container: loose inline content gathers into paragraphs, blocks are dispatched. */
  private container(element: Element, kind: ParagraphKind): void {
    let run = new InlineText();
    for (const child of element.childNodes) {
      if (child.nodeType === ELEMENT_NODE) {
        const childElement = child as Element;
        const tag = tagName(childElement);
        if (isInvisible(childElement, tag)) continue;
        if (BLOCK_TAGS.has(tag) || tag === 'img' || tag === 'picture') {
          this.emitInline(run, kind);
          run = new InlineText();
          this.block(childElement, tag, kind);
          continue;
        }
      }
      run.addNode(child);
    }
    this.emitInline(run, kind);
  }

  private block(element: Element, tag: string, kind: ParagraphKind): void {
    if (/^h[1-6]$/.test(tag)) return this.leaf(element, 'heading', { level: Number(tag[1]) });
    if (LIST_TAGS.has(tag)) return this.list(element);
    switch (tag) {
      case 'p':
        return this.leaf(element, kind);
      case 'li':
        return this.listItem(element, this.nextListId++);
      case 'pre':
        return this.preformatted(element);
      case 'blockquote':
        return this.container(element, 'quote');
      case 'figure':
        return this.figureElement(element, kind);
      case 'figcaption':
      case 'caption':
        return this.leaf(element, 'caption');
      case 'table':
        return this.table(element);
      case 'img':
        return this.image(element);
      case 'picture': {
        const img = element.querySelector('img');
        return img ? this.image(img) : undefined;
      }
      case 'hr':
        return;
      default:
        return this.container(element, kind);
    }
  }

  private leaf(element: Element, kind: BlockKind, extra: Partial<Block> = {}): void {
    const inline = new InlineText();
    for (const child of element.childNodes) inline.addNode(child);
    this.emitInline(inline, kind, extra);
  }

  private emitInline(inline: InlineText, kind: BlockKind, extra: Partial<Block> = {}): void {
    if (inline.isEmpty()) return;
    const text = inline.text();
    if (text) this.push({ kind, text, ...extra }, inline.links);
    for (const image of inline.images) this.image(image);
  }

  private list(element: Element): void {
    const listId = this.nextListId++;
    for (const child of element.children) {
      const tag = tagName(child);
      if (isInvisible(child, tag)) continue;
      if (tag === 'li') this.listItem(child, listId);
      else if (LIST_TAGS.has(tag)) this.list(child);
      else this.block(child, tag, 'paragraph');
    }
  }

  /** A list item's own text is one block; lists nested in it follow with their own listId. */
  private listItem(element: Element, listId: number): void {
    const nested: Element[] = [];
    const inline = new InlineText();
    const holdNestedList = (child: Element): boolean => {
      if (!LIST_TAGS.has(tagName(child))) return false;
      nested.push(child);
      return true;
    };
    for (const child of element.childNodes) inline.addNode(child, holdNestedList);
    this.emitInline(inline, 'list-item', { listId });
    for (const list of nested) this.list(list);
  }

  /** Preformatted text keeps its line structure; only line ends are unified. */
  private preformatted(element: Element): void {
    const text = (element.textContent ?? '').replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '');
    if (!text.trim()) return;
    const links = new InlineText();
    for (const anchor of element.querySelectorAll('a')) links.addNode(anchor);
    this.push({ kind: 'preformatted', text }, links.links);
  }

  private figureElement(element: Element, kind: ParagraphKind): void {
    const outer = this.figure;
    this.figure = { caption: this.figcaptionText(element), captionUsed: false };
    try {
      this.container(element, kind);
    } finally {
      this.figure = outer;
    }
  }

  private figcaptionText(figure: Element): string | null {
    for (const child of figure.children) {
      if (tagName(child) !== 'figcaption') continue;
      const inline = new InlineText();
      inline.addNode(child);
      return inline.text() || null;
    }
    return null;
  }

  private image(img: Element): void {
    const block: Block = { kind: 'figure', text: '' };
    const src = imageSource(img);
    if (src) block.src = src;
    const alt = finishLines((img.getAttribute('alt') ?? '').replace(/\s+/g, ' '));
    if (alt) block.alt = alt;
    if (this.figure && !this.figure.captionUsed) {
      this.figure.captionUsed = true;
      if (this.figure.caption) block.caption = this.figure.caption;
    }
    if (block.src || block.alt || block.caption) this.blocks.push(block);
  }

  private table(table: Element): void {
    for (const row of tableParts(table)) {
      if (tagName(row) === 'caption') {
        this.leaf(row, 'caption');
        continue;
      }
      const cells = [...row.children].filter((cell) => ['td', 'th'].includes(tagName(cell)) && !isInvisible(cell));
      if (cells.some((cell) => cell.querySelector(CELL_BLOCK_SELECTOR) !== null)) {
        for (const cell of cells) this.container(cell, 'paragraph');
        continue;
      }
      const texts: string[] = [];
      const inline = new InlineText();
      for (const cell of cells) {
        const cellText = new InlineText();
        for (const child of cell.childNodes) cellText.addNode(child);
        const text = cellText.text().replace(/\n/g, ' ');
        if (text) texts.push(text);
        inline.links.push(...cellText.links);
        inline.images.push(...cellText.images);
      }
      // Cells are joined with " | " so a row stays one readable line in the archived text.
      if (texts.length > 0) this.push({ kind: 'table-row', text: texts.join(' | ') }, inline.links);
      for (const image of inline.images) this.image(image);
    }
  }

  private push(block: Block, links: Block['links']): void {
    if (links && links.length > 0) block.links = links;
    this.blocks.push(block);
  }
}

/** The table's caption and rows in document order, not descending into nested tables. */
function* tableParts(table: Element): Generator<Element> {
  for (const child of table.children) {
    const tag = tagName(child);
    if (tag === 'tr' || tag === 'caption') yield child;
    else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
      for (const row of child.children) if (tagName(row) === 'tr') yield row;
    }
  }
}

function imageSource(img: Element): string | null {
  const src = img.getAttribute('src')?.trim() || firstSrcsetUrl(img.getAttribute('srcset')) || img.getAttribute('data-src')?.trim();
  return src ? absoluteUrl(src, img) : null;
}

function firstSrcsetUrl(srcset: string | null): string | null {
  const first = srcset?.trim().split(/\s+/)[0]?.replace(/,$/, '');
  return first ? first : null;
}
