/**
 * Readability's first pass ("strip unlikely candidates") deletes every element whose class and
 * id look like page furniture (menus, footers, sidebars, comments, share bars…) or whose role
 * marks it as navigation, before it scores anything. On news pages that is about half of the
 * elements. The prefilter can empty those elements before the DOM is built, so they are never
 * built, walked or collected: this module decides, from one start tag, which elements
 * Readability's first pass surely deletes without reading what is inside them.
 *
 * The patterns are Readability's own (read from the installed version, so they cannot drift).
 * An element is only a candidate when Readability's verdict on it cannot depend on what the
 * prefilter empties:
 * - it is not phrasing content (Readability folds phrasing runs into paragraphs before deleting
 *   anything, and an emptied block keeps its place, so runs split the same way);
 * - it is not itself a possible byline (Readability looks for the byline before it deletes);
 * - it is not an h1/h2 (Readability compares those with the title first).
 * Which ancestors and descendants rule a candidate out is find-removals' business.
 */
import { Readability } from '@mozilla/readability';
import type { Attributes } from './rules.ts';

interface ReadabilityPatterns {
  REGEXPS: { unlikelyCandidates: RegExp; okMaybeItsACandidate: RegExp; byline: RegExp };
  UNLIKELY_ROLES: string[];
  PHRASING_ELEMS: string[];
}

const patterns = Readability.prototype as unknown as ReadabilityPatterns;

/** Readability's phrasing elements, plus the three it treats as phrasing when their content is. */
const PHRASING = new Set([...patterns.PHRASING_ELEMS.map((name) => name.toLowerCase()), 'a', 'del', 'ins']);

/** Start tags that are never emptied: the frame, and headings Readability reads for the title. */
const NEVER = new Set(['html', 'head', 'body', 'h1', 'h2']);

function attribute(attribs: Attributes, name: string): string | undefined {
  return Object.hasOwn(attribs, name) ? attribs[name] : undefined;
}

/** Readability's `className + " " + id`, or null when an entity makes the raw value unsure. */
function matchString(attribs: Attributes): string | null {
  const value = `${attribute(attribs, 'class') ?? ''} ${attribute(attribs, 'id') ?? ''}`;
  return value.includes('&') ? null : value;
}

/**
 * Could Readability take this element for the byline? (`_isValidByline` without its length
 * check, which reads the text.) Such elements are never emptied, nor is anything inside them.
 */
export function isBylineCandidate(attribs: Attributes): boolean {
  if (attribute(attribs, 'rel') === 'author') return true;
  if ((attribute(attribs, 'itemprop') ?? '').includes('author')) return true;
  const match = `${attribute(attribs, 'class') ?? ''} ${attribute(attribs, 'id') ?? ''}`;
  return patterns.REGEXPS.byline.test(match) || match.includes('&');
}

/** Does Readability's first pass delete this element as an unlikely candidate (or by its role)? */
export function isUnlikelyCandidate(name: string, attribs: Attributes): boolean {
  if (PHRASING.has(name) || NEVER.has(name) || isBylineCandidate(attribs)) return false;
  const match = matchString(attribs);
  if (match === null) return false;
  const { unlikelyCandidates, okMaybeItsACandidate } = patterns.REGEXPS;
  if (unlikelyCandidates.test(match) && !okMaybeItsACandidate.test(match)) return true;
  const role = attribute(attribs, 'role');
  return role !== undefined && patterns.UNLIKELY_ROLES.includes(role);
}
