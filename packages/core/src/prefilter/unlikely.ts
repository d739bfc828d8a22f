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
 * - it is a <div>, <ul>, <ol>, <dl> or <blockquote> (see EMPTIABLE: an emptied one still counts
 *   as a block, keeps its place among its siblings, and is never inside a <p>);
 * - it is not itself a possible byline (Readability looks for the byline before it deletes).
 * Which ancestors and descendants rule a candidate out is find-removals' business.
 */
import { Readability } from '@mozilla/readability';
import { attribute, type Attributes } from './rules.ts';

interface ReadabilityPatterns {
  REGEXPS: { unlikelyCandidates: RegExp; okMaybeItsACandidate: RegExp; byline: RegExp };
  UNLIKELY_ROLES: string[];
}

const patterns = Readability.prototype as unknown as ReadabilityPatterns;

/**
 * The only elements emptied: blocks Readability itself counts as blocks (its DIV_TO_P_ELEMS) that
 * also close an open <p>. Before deleting an element, Readability looks at its ancestors: whether
 * a <div> holds a block (anywhere below: an emptied <section> would hide the <p> in it) and how
 * link-dense a <div> holding one <p> is (an element inside that <p> would count). An emptied
 * <div>/<ul>/<ol>/<dl>/<blockquote> still counts as a block and is never inside a <p>. A <p>
 * itself can outlive the check (a <div> holding only it is replaced by it first).
 */
const EMPTIABLE = new Set(['div', 'ul', 'ol', 'dl', 'blockquote']);

export type UnlikelyVerdict =
  /** Readability may take it for the byline: never emptied, nor is anything inside it. */
  | 'possible-byline'
  /** Readability's first pass deletes it as an unlikely candidate (or by its role). */
  | 'unlikely'
  /** Neither. */
  | null;

/** The verdict on one start tag (raw attribute values, as the prefilter reads them). */
export function unlikelyVerdict(name: string, attribs: Attributes): UnlikelyVerdict {
  const match = matchString(attribs);
  if (isPossibleByline(attribs, match)) return 'possible-byline';
  if (!EMPTIABLE.has(name)) return null;
  const role = attribute(attribs, 'role');
  if (role !== undefined && patterns.UNLIKELY_ROLES.includes(role)) return 'unlikely';
  // A raw value with an entity in it is not read for sure.
  if (match === null || match.includes('&')) return null;
  const { unlikelyCandidates, okMaybeItsACandidate } = patterns.REGEXPS;
  return unlikelyCandidates.test(match) && !okMaybeItsACandidate.test(match) ? 'unlikely' : null;
}

/** Readability's `className + " " + id`, or null when the tag has neither. */
function matchString(attribs: Attributes): string | null {
  const className = attribute(attribs, 'class');
  const id = attribute(attribs, 'id');
  return className === undefined && id === undefined ? null : `${className ?? ''} ${id ?? ''}`;
}

/** Readability's `_isValidByline` without its length check (which reads the text). */
function isPossibleByline(attribs: Attributes, match: string | null): boolean {
  if (attribute(attribs, 'rel') === 'author') return true;
  if ((attribute(attribs, 'itemprop') ?? '').includes('author')) return true;
  return match !== null && (match.includes('&') || patterns.REGEXPS.byline.test(match));
}
