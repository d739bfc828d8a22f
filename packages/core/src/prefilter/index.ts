/**
 * prefilterHtml: removes what can never be article content before the DOM is built, so the DOM
 * builder and Readability do less work. Phases: normalize newlines -> find removals -> splice.
 *
 * Removed: comments, scripts (JSON-LD kept), styles, templates, inline SVG, hidden elements,
 * the text inside iframes; see rules.ts for what counts as hidden and find-removals.ts for when a
 * removal is safe. Everything else is kept byte for byte (the head's title, meta, link and base,
 * <html lang>, noscript, the article).
 */
import { findRemovals, type Range } from './find-removals.ts';

/** Bump on any change to what the prefilter outputs for the same input. */
export const PREFILTER_VERSION = '1.1.0';

export function prefilterHtml(html: string): string {
  const normalized = normalizeNewlines(html);
  return splice(normalized, findRemovals(normalized));
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
