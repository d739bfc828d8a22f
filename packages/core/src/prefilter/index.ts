/**
 * prefilterHtml: removes what can never be article content before the DOM is built, so the DOM
 * builder and Readability do less work. Phases: normalize newlines -> find removals -> splice.
 *
 * Removed: comments, scripts (JSON-LD kept), styles, templates, inline SVG, hidden elements,
 * the text inside iframes; see rules.ts for what counts as hidden and find-removals.ts for when a
 * removal is safe. Everything else is kept byte for byte (the head's title, meta, link and base,
 * <html lang>, noscript, the article).
 *
 * `prefilter` also gives the fast path: the same page with the elements Readability's first pass
 * would delete as unlikely candidates already emptied. extract uses it and falls back to `html`
 * whenever Readability needs more than its first pass.
 */
import { findRemovals, mergeRanges, type Range } from './find-removals.ts';

/** Bump on any change to what the prefilter outputs for the same input. */
export const PREFILTER_VERSION = '1.2.3';

export interface Prefiltered {
  /**
   * The page without what is never article content. Spliced when first read: extract reads it
   * only when the fast path is not taken.
   */
  readonly html: string;
  /**
   * `html` with, also, the elements Readability's first pass deletes as unlikely candidates
   * emptied (unlikely.ts): the fast path. Null when the page has none.
   */
  withoutUnlikely: string | null;
  /**
   * The page nests its elements past MAX_DEPTH_SUM (extract/tree-depth.ts): the pass stopped
   * there (so a deeply nested page costs little), and extract refuses the page.
   */
  readonly overNested: boolean;
}

/** Both prefiltered forms of a page, from one pass. */
export function prefilter(html: string): Prefiltered {
  const normalized = normalizeNewlines(html);
  const { never, unlikely, overNested } = findRemovals(normalized, { unlikely: true, stopOverNested: true });
  let whole: string | undefined;
  return {
    overNested,
    get html() {
      whole ??= splice(normalized, never);
      return whole;
    },
    withoutUnlikely: unlikely.length === 0 ? null : splice(normalized, mergeRanges([...never, ...unlikely])),
  };
}

/** The page without what is never article content (`prefilter(html).html`, without the fast path). */
export function prefilterHtml(html: string): string {
  const normalized = normalizeNewlines(html);
  return splice(normalized, findRemovals(normalized).never);
}

/**
 * CR LF and lone CR become LF, as HTML's input stream preprocessing does: a no-op for an HTML5
 * parser, and it keeps parsers that skip that step (htmlparser2-based DOMs) in agreement.
 */
export function normalizeNewlines(html: string): string {
  return html.includes('\r') ? html.replace(/\r\n?/g, '\n') : html;
}

function splice(html: string, ranges: readonly Range[]): string {
  if (ranges.length === 0) return html;
  const parts: string[] = [];
  let position = 0;
  for (const [start, end] of ranges) {
    parts.push(html.slice(position, start));
    position = end;
  }
  parts.push(html.slice(position));
  return parts.join('');
}
