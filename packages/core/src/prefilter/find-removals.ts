/**
 * Finds the character ranges of a page the prefilter drops, with one streaming pass of
 * htmlparser2's tokenizer and tree rules.
 *
 * htmlparser2 is not an HTML5 tree builder, so a range is dropped only when the extent
 * htmlparser2 sees is surely the extent a browser (and jsdom's parse5) would build:
 * - the element is closed by its own end tag (or its own start tag, for void and self-closing
 *   foreign elements), never implicitly by an ancestor's end tag or the end of the input;
 * - no formatting element inside it is closed implicitly (HTML would reopen it after the range);
 * - inside SVG or MathML, no start tag breaks out of foreign content (HTML would end the SVG
 *   there);
 * - it is not in a table outside a cell (HTML would move it out of the table);
 * - inside an iframe only text is dropped (HTML reads iframe content as raw text);
 * - it is not the element just before a <noscript> (Readability swaps a placeholder image
 *   before a <noscript> for the image inside it).
 * Anything that fails these checks stays; Readability drops hidden content again later anyway.
 *
 * With `unlikely`, it also finds the content of elements Readability's first pass deletes as
 * unlikely candidates (unlikely.ts), under the same extent checks, and only when
 * - no table, code, h1, h2, title or possible byline is open around it (Readability spares
 *   elements in tables and code; it reads headings, the title and bylines as text first);
 * - nothing inside it is read elsewhere: meta, link, base, title, h1, h2, JSON-LD, br, hr;
 * - nothing in the element just before a <noscript> is emptied.
 * The element itself stays, empty, so the tree keeps its shape for Readability's paragraph
 * rules; Readability then deletes it as before.
 */
import type { Parser } from 'htmlparser2';
import { MAX_DEPTH_SUM, MAX_TREE_DEPTH } from '../extract/tree-depth.ts';
import { LeanParser } from './lean-parser.ts';
import { isJsonLdScript, removalFor, type Attributes, type Removal } from './rules.ts';
import { unlikelyVerdict } from './unlikely.ts';

/** Half-open character range [start, end) of the input. */
export type Range = readonly [start: number, end: number];

export interface Removals {
  /** What is never article content (always found). */
  never: Range[];
  /** The content of unlikely candidates (found only with `unlikely`); may overlap `never`. */
  unlikely: Range[];
  /**
   * The page's elements nest past MAX_DEPTH_SUM (tree-depth.ts); with stopOverNested the pass stopped there, and the
   * ranges are only those found before.
   */
  overNested: boolean;
}

/** Thrown inside the pass to stop it (htmlparser2 has no way to abort from a handler). */
const STOP = Symbol('over-nested');

export interface FindRemovalsOptions {
  /** Also find the content of elements Readability's first pass deletes. Default: false. */
  unlikely?: boolean;
  /** Stop the pass once the elements' capped depths add up past MAX_DEPTH_SUM (overNested). Default: false. */
  stopOverNested?: boolean;
}

interface Candidate {
  name: string;
  kind: Removal | 'unlikely';
  depth: number;
  start: number;
  /** Index of the last character of the start tag. */
  openEnd: number;
}

const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
const TABLE_CONTEXT = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr']);
/** Start tags that end SVG/MathML content in HTML (the "breakout" list of the HTML standard). */
const FOREIGN_BREAKOUT = new Set([
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta',
  'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table',
  'tt', 'u', 'ul', 'var',
]);
const SVG_HTML_POINTS = new Set(['foreignobject', 'desc', 'title']);
const MATH_HTML_POINTS = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml']);
/**
 * Elements read outside Readability's walk, or counted by it in the ancestors (br/hr decide
 * whether an ancestor is empty): an unlikely candidate holding one stays whole.
 */
const READ_ELSEWHERE = new Set(['meta', 'link', 'base', 'title', 'h1', 'h2', 'br', 'hr']);
/** Elements whose content Readability reads (or spares) as a whole: nothing inside is emptied. */
const SHELTERING = new Set(['table', 'code', 'h1', 'h2', 'title']);

export function findRemovals(html: string, options: FindRemovalsOptions = {}): Removals {
  const ranges: Array<[number, number]> = [];
  const unlikelyRanges: Array<[number, number]> = [];
  const cancelledUnlikely = new Set<number>();
  const cancelled = new Set<number>();
  const candidates: Candidate[] = [];
  /** Tag names of open elements, innermost last (mirrors htmlparser2's stack). */
  const open: string[] = [];
  /** Per open element: is its content foreign (SVG/MathML outside an HTML integration point)? */
  const foreign: boolean[] = [];
  /** The element range dropped last, while its next sibling may still be a <noscript>. */
  let lastDropped: { depth: number; index: number } | null = null;

  /** Open iframe candidates: HTML reads their content as raw text, so nothing in it is an element. */
  let rawContentOpen = 0;
  /**
   * Candidates below this stack index are irregular (their extent is in doubt). Irregularity
   * always concerns every open candidate, so one watermark keeps the pass linear however deep
   * the nesting.
   */
  let irregularBelow = 0;
  const markOpenCandidatesIrregular = () => {
    irregularBelow = candidates.length;
  };
  /** Unlikely candidates below this stack index hold something read elsewhere (same watermark idea). */
  let readElsewhereBelow = 0;
  /** Open elements that shelter their content from emptying (SHELTERING, possible bylines). */
  let sheltered = 0;
  const shelters: boolean[] = [];
  /** Start offsets of the open elements, and of the element that closed last at each depth. */
  const openStarts: number[] = [];
  const lastChildStart: number[] = [];

  /**
   * Readability swaps a <noscript>'s image for the image in the element before it, looking down
   * through wrappers with one child: nothing in that element is emptied.
   */
  const keepWholeBeforeNoscript = (previousStart: number): void => {
    if (previousStart < 0) return;
    for (let i = unlikelyRanges.length - 1; i >= 0 && unlikelyRanges[i]![0] >= previousStart; i--) cancelledUnlikely.add(i);
  };

  /** Sum of the elements' depths, capped as the DOM caps them. */
  let depthSum = 0;

  // Only the attributes the rules read are built (lean-parser.ts).
  const parser: Parser = new LeanParser(
    {
      onopentag(name, attribs: Attributes) {
        depthSum += Math.min(open.length + 1, MAX_TREE_DEPTH + 1);
        if (depthSum > MAX_DEPTH_SUM && options.stopOverNested) throw STOP;
        const parentForeign = foreign.at(-1) ?? false;
        if (parentForeign && (FOREIGN_BREAKOUT.has(name) || (name === 'font' && fontBreaksOut(attribs)))) {
          // Only candidates in the SVG/MathML are in doubt; all open ones are given up (rare).
          markOpenCandidatesIrregular();
        }
        const parent = open.at(-1) ?? '';
        open.push(name);
        foreign.push(
          name === 'svg' || name === 'math'
            ? true
            : parentForeign && (SVG_HTML_POINTS.has(name) || MATH_HTML_POINTS.has(name))
              ? false
              : parentForeign,
        );
        const depth = open.length;
        openStarts.push(parser.startIndex);
        if (name === 'noscript') keepWholeBeforeNoscript(lastChildStart[depth] ?? -1);
        lastChildStart[depth + 1] = -1;
        const verdict = options.unlikely ? unlikelyVerdict(name, attribs) : null;
        const isShelter = options.unlikely === true && (SHELTERING.has(name) || verdict === 'possible-byline');
        shelters.push(isShelter);
        if (options.unlikely && (READ_ELSEWHERE.has(name) || (name === 'script' && isJsonLdScript(attribs)))) {
          readElsewhereBelow = candidates.length;
        }
        if (lastDropped && depth <= lastDropped.depth) {
          if (depth === lastDropped.depth && name === 'noscript') cancelled.add(lastDropped.index);
          lastDropped = null;
        }
        if (rawContentOpen > 0) {
          if (isShelter) sheltered++;
          return;
        }
        let kind: Candidate['kind'] | null = removalFor(name, attribs);
        if (kind === null && verdict === 'unlikely' && sheltered === 0) kind = 'unlikely';
        if (isShelter) sheltered++;
        if (kind === null) return;
        const inTableContext = TABLE_CONTEXT.has(parent);
        if (inTableContext && kind === 'element' && name !== 'script' && name !== 'style' && name !== 'template') return;
        candidates.push({ name, kind, depth, start: parser.startIndex, openEnd: parser.endIndex });
        if (kind === 'content') rawContentOpen++;
      },
      onclosetag(name, isImplied) {
        const depth = open.length;
        const top = candidates.at(-1);
        if (top && top.depth === depth) {
          const index = candidates.length - 1;
          const regular = index >= irregularBelow && (top.kind !== 'unlikely' || index >= readElsewhereBelow);
          candidates.pop();
          irregularBelow = Math.min(irregularBelow, candidates.length);
          readElsewhereBelow = Math.min(readElsewhereBelow, candidates.length);
          if (top.kind === 'content') rawContentOpen--;
          const closedByItsOwnTag = !isImplied || parser.endIndex === top.openEnd;
          if (regular && closedByItsOwnTag) {
            if (top.kind === 'element') {
              ranges.push([top.start, parser.endIndex + 1]);
              lastDropped = { depth, index: ranges.length - 1 };
            } else if (top.kind === 'unlikely') {
              // Closed by its own end tag: the content ends where that tag starts.
              if (!isImplied && parser.startIndex > top.openEnd + 1) unlikelyRanges.push([top.openEnd + 1, parser.startIndex]);
            } else {
              const contentEnd = parser.startIndex;
              const content = html.slice(top.openEnd + 1, contentEnd);
              // Markup inside would be read differently by htmlparser2 than by HTML (raw text).
              if (content.length > 0 && !content.includes('<')) ranges.push([top.openEnd + 1, contentEnd]);
            }
          }
        } else if (isImplied && FORMATTING.has(name)) {
          // Formatting elements are never void: this one was left open, and HTML reopens it later.
          markOpenCandidatesIrregular();
        }
        if (lastDropped && depth < lastDropped.depth) lastDropped = null;
        if (shelters.pop()) sheltered--;
        lastChildStart[depth] = openStarts.pop()!;
        open.pop();
        foreign.pop();
      },
      oncomment() {
        // In MathML/SVG a CDATA section is text, and htmlparser2 reports it as a comment.
        if (foreign.at(-1) || rawContentOpen > 0) return;
        ranges.push([parser.startIndex, parser.endIndex + 1]);
      },
    },
    { decodeEntities: false },
  );
  let overNested = false;
  try {
    parser.end(html);
  } catch (error) {
    if (error !== STOP) throw error;
    overNested = true;
  }
  return {
    never: mergeRanges(ranges.filter((_, i) => !cancelled.has(i))),
    unlikely: unlikelyRanges.filter((_, i) => !cancelledUnlikely.has(i)),
    overNested,
  };
}

/** `<font>` breaks out of foreign content only with color, face or size. */
function fontBreaksOut(attribs: Attributes): boolean {
  return Object.hasOwn(attribs, 'color') || Object.hasOwn(attribs, 'face') || Object.hasOwn(attribs, 'size');
}

/** Sorted, non-overlapping ranges (inner ranges inside outer ones are absorbed). */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
