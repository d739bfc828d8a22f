/**
 * A read-only view of the blocks still in the article while one rule runs: texts, neighbours,
 * link density and where the article's substantial content begins and ends. Rules ask it
 * structural questions ("is this before any real paragraph?") instead of guessing from words.
 */
import type { Block } from '../types.ts';
import { comparable, nonSpaceLength } from './text/text-utils.ts';

/** What the page says about itself; fixed for a whole cleaning run. */
export interface ViewContext {
  /** Page URL, if known. */
  url: string | null;
  /** Lower-case host of the URL, if known. */
  host: string | null;
  /** Page title from metadata, if known. */
  title: string | null;
  /** Byline declared by the page, if known. */
  byline: string | null;
  /** Authors parsed from the declared byline (known names, not output unless found in the text). */
  declaredAuthors: readonly string[];
}

/** A paragraph counts as substantial content from this length on. */
export const SUBSTANTIAL_CHARS = 100;

/**
 * Per-block measures, computed once per block object and shared by every view of a cleaning run
 * (a block is never modified: a span cut makes a new block object).
 */
export class BlockFeatures {
  private readonly coverage = new WeakMap<Block, number>();
  private readonly substantial = new WeakMap<Block, boolean>();
  private readonly comparables = new WeakMap<Block, string>();
  /** `comparable()` of the page's own texts (title, byline), which are compared with many blocks. */
  private readonly comparableTexts = new Map<string, string>();
  /** Rules' own per-block analyses (see `DocView.measure`), by block and function. */
  private readonly measures = new WeakMap<Block, Map<(block: Block) => unknown, unknown>>();

  linkCoverage(block: Block): number {
    let c = this.coverage.get(block);
    if (c === undefined) this.coverage.set(block, (c = linkCoverage(block)));
    return c;
  }

  isSubstantial(block: Block): boolean {
    let s = this.substantial.get(block);
    if (s === undefined) this.substantial.set(block, (s = isSubstantial(block, this.linkCoverage(block))));
    return s;
  }

  comparable(block: Block): string {
    let c = this.comparables.get(block);
    if (c === undefined) this.comparables.set(block, (c = comparable(block.text)));
    return c;
  }

  comparableText(text: string): string {
    let c = this.comparableTexts.get(text);
    if (c === undefined) this.comparableTexts.set(text, (c = comparable(text)));
    return c;
  }

  measure<T>(block: Block, fn: (block: Block) => T): T {
    let byFn = this.measures.get(block);
    if (!byFn) this.measures.set(block, (byFn = new Map()));
    if (byFn.has(fn)) return byFn.get(fn) as T;
    const value = fn(block);
    byFn.set(fn, value);
    return value;
  }
}

/**
 * The view also watches what a matcher reads while it examines one block (`examine`): a verdict
 * drawn from that block alone (its text, kind, links, measures) holds for the same block object
 * in every later view, so the engine need not ask again; anything else (another block, a
 * position, the article's extent, the authors found) ties the verdict to this view.
 */
export class DocView {
  readonly context: ViewContext;
  private readonly blocks: readonly Block[];
  /** Authors found so far (by earlier rules and passes). */
  private readonly authors: readonly string[];
  /** contentBefore[i] = substantial blocks before i. */
  private readonly before: number[];
  private readonly total: number;
  private readonly coverage: number[];
  private readonly substantial: boolean[];
  private readonly features: BlockFeatures;
  private knownComparables: string[] | null = null;
  /** The block being examined, and whether the matcher read anything beyond it. */
  private subject = -1;
  private wandered = false;

  constructor(
    blocks: readonly Block[],
    context: ViewContext,
    authors: readonly string[] = [],
    features: BlockFeatures = new BlockFeatures(),
  ) {
    this.blocks = blocks;
    this.context = context;
    this.authors = authors;
    this.features = features;
    this.coverage = blocks.map((b) => features.linkCoverage(b));
    this.substantial = blocks.map((b) => features.isSubstantial(b));
    this.before = [];
    let n = 0;
    for (const s of this.substantial) {
      this.before.push(n);
      if (s) n++;
    }
    this.total = n;
  }

  /** Start watching what is read while a matcher examines block i. */
  examine(i: number): void {
    this.subject = i;
    this.wandered = false;
  }

  /** Since `examine(i)`, was block i all that was read (so the verdict is the block's alone)? */
  readOnlySubject(): boolean {
    return !this.wandered;
  }

  /** Block j is read: a verdict about another block depends on it. */
  private read(j: number): void {
    if (j !== this.subject) this.wandered = true;
  }

  /** Something beyond the examined block is read (positions, extent, authors). */
  private readAround(): void {
    this.wandered = true;
  }

  get length(): number {
    this.readAround();
    return this.blocks.length;
  }

  block(i: number): Block | undefined {
    this.read(i);
    return this.blocks[i];
  }

  text(i: number): string {
    this.read(i);
    return this.blocks[i]?.text ?? '';
  }

  /** Share of the block's text that is link text (0..1). */
  linkCoverage(i: number): number {
    this.read(i);
    return this.coverage[i] ?? 0;
  }

  isSubstantial(i: number): boolean {
    this.read(i);
    return this.substantial[i] ?? false;
  }

  /** `comparable()` of block i's text (cached per block). */
  comparable(i: number): string {
    this.read(i);
    const b = this.blocks[i];
    return b === undefined ? '' : this.features.comparable(b);
  }

  /**
   * `fn(block i)`, computed once per block object in a run: for a rule's analysis of a block's
   * text that a repeat pass would otherwise redo when the verdict also depends on where the block
   * stands. `fn` must depend on the block alone, and its result must not be modified.
   */
  measure<T>(i: number, fn: (block: Block) => T): T | undefined {
    this.read(i);
    const b = this.blocks[i];
    return b === undefined ? undefined : this.features.measure(b, fn);
  }

  /** `comparable()` of the title, the byline or another text of the page's (cached for the run). */
  comparableText(text: string): string {
    return this.features.comparableText(text);
  }

  /** Is block i among the first n blocks of this view? */
  inFirst(i: number, n: number): boolean {
    this.readAround();
    return i < n;
  }

  /** Substantial blocks before `i`. */
  contentBefore(i: number): number {
    this.readAround();
    return this.before[i] ?? this.total;
  }

  /** Substantial blocks after `i`. */
  contentAfter(i: number): number {
    this.readAround();
    const self = this.substantial[i] ? 1 : 0;
    return this.total - this.contentBefore(i) - self;
  }

  /** No substantial content before this block: the article's head (bylines, dates, captions). */
  atStart(i: number): boolean {
    return this.contentBefore(i) === 0;
  }

  /** No substantial content after this block: the article's foot (tags, footers, bios). */
  atEnd(i: number): boolean {
    return this.contentAfter(i) === 0;
  }

  /** Indices of the contiguous run of list items sharing block i's list. */
  listRun(i: number): number[] {
    this.readAround();
    const b = this.blocks[i];
    if (!b || b.kind !== 'list-item') return [];
    const same = (j: number): boolean => {
      const o = this.blocks[j];
      return o !== undefined && o.kind === 'list-item' && o.listId === b.listId;
    };
    let s = i;
    while (s > 0 && same(s - 1)) s--;
    const run: number[] = [];
    for (let j = s; same(j); j++) run.push(j);
    return run;
  }

  /** Authors found so far plus those the page declares. */
  knownAuthors(): string[] {
    this.readAround();
    return [...this.authors, ...this.context.declaredAuthors];
  }

  /** Is `name` (case and punctuation aside) a known author, or a known author's first name? */
  isKnownAuthor(name: string, allowFirstName = false): boolean {
    this.readAround();
    const c = comparable(name);
    if (c === '') return false;
    this.knownComparables ??= this.knownAuthors().map(comparable);
    return this.knownComparables.some(
      (k) => k === c || (allowFirstName && !c.includes(' ') && k.split(' ')[0] === c),
    );
  }
}

/** Share of a block's text covered by its links' text. */
export function linkCoverage(block: Block): number {
  // Most blocks have no links: their text need not be measured.
  if (!block.links || block.links.length === 0) return 0;
  const len = nonSpaceLength(block.text);
  if (len === 0) return 0;
  const linked = block.links.reduce((sum, l) => sum + nonSpaceLength(l.text), 0);
  return Math.min(1, linked / len);
}

function isSubstantial(block: Block, coverage: number): boolean {
  if (block.kind === 'heading' || block.kind === 'figure' || block.kind === 'caption') return false;
  if (block.text.length < SUBSTANTIAL_CHARS || coverage > 0.5) return false;
  return /[.!?…]["”’)]?(\s|$)/u.test(block.text);
}
