/**
 * The depth cap of the DOM, as browsers build it. Blink's HTML parser
 * (HTMLConstructionSite::AttachLater, kMaximumHTMLParserDOMTreeDepth) inserts a node beside the
 * current node, in its parent, once more than 512 elements are open: the element then stays
 * open (its end tag still closes it) but holds nothing, and what follows goes to the 512th
 * element. However deep the markup nests, the tree is then at most 513 elements deep, so every
 * walk over it (ours, Readability's, the DOM's own) stays shallow. Any tree builder Vellum uses
 * takes its parents from `insertionParent`, so all of them apply the same rule.
 */

/** Open elements past which a parser stops nesting (Blink's kMaximumHTMLParserDOMTreeDepth). */
export const MAX_TREE_DEPTH = 512;

/**
 * Most work a page's tree may ask for: the sum over its elements of their depths, with the
 * depth capped as above (the number of element-ancestor pairs). Readability reads the text under
 * every candidate element, so its work grows with this sum, not with the page's size: 100,000
 * nested elements, capped, still make ~51 million pairs (seconds of CPU). The benchmark pages
 * make at most ~24,000; pages past this bound are refused before a DOM is built.
 */
export const MAX_DEPTH_SUM = 4_000_000;

/** What `insertionParent` needs of a node. */
export interface ParentLink<N> {
  readonly parentNode: N | null;
}

/**
 * The node a parser appends a new node (element, text or comment) to, when `current` is the
 * current node (the innermost open element, or the document) and `openElements` elements are
 * open (the current node's own count included).
 */
export function insertionParent<N extends ParentLink<N>>(current: N, openElements: number): N {
  if (openElements > MAX_TREE_DEPTH && current.parentNode !== null) return current.parentNode;
  return current;
}

