/**
 * Readability 0.6.0 with five of its checks computed with less work, same answers on any DOM.
 *
 * Readability asks these of nearly every element of the page in its first pass, and each
 * materialised what it did not need: the text of the whole subtree (`textContent`) to learn
 * whether there is any, a style object per element to learn that an element without a `style`
 * attribute is not styled hidden, arrays of child nodes at every level to find one block below.
 * On a light DOM (linkedom) those were a fifth of Readability's time. The overrides below read
 * only standard DOM properties and stop at the first node that settles the answer:
 *
 * - `_isValidByline`: Readability measures the node's text before it tests the cheap conditions
 *   (`rel`, `itemprop`, the class/id pattern); the text is measured only when they hold.
 * - `_isElementWithoutContent`: "no non-whitespace text below" stops at the first such text node
 *   instead of concatenating the subtree's text and trimming it.
 * - `_isProbablyVisible`: an element without a `style` attribute has no inline display or
 *   visibility, so its style object is not built; an element with one is read as before.
 * - `_hasChildBlockElement`: one walk of the subtree, stopping at the first block, instead of
 *   one array of child nodes per node.
 * - `_hasSingleTagInsideElement` (asked of every <div>): "exactly one child element, with this
 *   tag" read from the first child element and its next sibling, and the text children walked
 *   in place, instead of two arrays of the children and one of the child nodes (about 2% of
 *   Readability's CPU time on the benchmark: bench/readability-ab.ts).
 *
 * Each replaces a method whose source is pinned by a test (test/readability-walks.test.ts holds
 * the originals' digests and checks every override against its original on real pages), so a
 * Readability upgrade that changes one fails there first.
 */
import { Readability } from '@mozilla/readability';

/** What the overrides read of Readability's instance (its own constants and patterns). */
interface ReadabilityInternals {
  ELEMENT_NODE: number;
  TEXT_NODE: number;
  REGEXPS: { byline: RegExp; hasContent: RegExp };
  DIV_TO_P_ELEMS: Set<string>;
}

const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
/** `String.prototype.trim`'s whitespace (WhiteSpace and LineTerminator), as `\s` is. */
const NOT_WHITESPACE = /\S/;

/** The next node after `node` in tree order within `root`'s subtree, or null at its end. */
function nextInSubtree(node: Node, root: Node): Node | null {
  if (node.firstChild) return node.firstChild;
  let current: Node | null = node;
  while (current && current !== root) {
    if (current.nextSibling) return current.nextSibling;
    current = current.parentNode;
  }
  return null;
}

/** `node.textContent.trim().length > 0` without building the text: text and CDATA nodes, as textContent reads. */
function hasNonWhitespaceText(node: Node): boolean {
  for (let child = nextInSubtree(node, node); child; child = nextInSubtree(child, node)) {
    const type = child.nodeType;
    if ((type === TEXT_NODE || type === CDATA_SECTION_NODE) && NOT_WHITESPACE.test((child as CharacterData).data)) return true;
  }
  return false;
}

const overrides = {
  _isValidByline(this: ReadabilityInternals, node: Element, matchString: string): boolean {
    const rel = node.getAttribute('rel');
    const itemprop = node.getAttribute('itemprop');
    if (!(rel === 'author' || (itemprop && itemprop.includes('author')) || this.REGEXPS.byline.test(matchString))) return false;
    const bylineLength = (node.textContent ?? '').trim().length;
    return !!bylineLength && bylineLength < 100;
  },

  _isElementWithoutContent(this: ReadabilityInternals, node: Element): boolean {
    return (
      node.nodeType === this.ELEMENT_NODE &&
      !hasNonWhitespaceText(node) &&
      (!node.children.length ||
        node.children.length == node.getElementsByTagName('br').length + node.getElementsByTagName('hr').length)
    );
  },

  _isProbablyVisible(this: ReadabilityInternals, node: Element & { style?: CSSStyleDeclaration }): boolean {
    const styled = node.hasAttribute('style');
    return (
      (!styled || !node.style || node.style.display != 'none') &&
      (!styled || !node.style || node.style.visibility != 'hidden') &&
      !node.hasAttribute('hidden') &&
      (!node.hasAttribute('aria-hidden') ||
        node.getAttribute('aria-hidden') != 'true' ||
        !!(node.className && node.className.includes && node.className.includes('fallback-image')))
    );
  },

  _hasSingleTagInsideElement(this: ReadabilityInternals, element: Element, tag: string): boolean {
    const only = element.firstElementChild;
    if (!only || only.nextElementSibling || only.tagName !== tag) return false;
    for (let node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === this.TEXT_NODE && this.REGEXPS.hasContent.test(node.textContent ?? '')) return false;
    }
    return true;
  },

  _hasChildBlockElement(this: ReadabilityInternals, element: Node): boolean {
    for (let node = nextInSubtree(element, element); node; node = nextInSubtree(node, element)) {
      if (this.DIV_TO_P_ELEMS.has((node as Element).tagName)) return true;
    }
    return false;
  },
};

/** The names of the methods replaced (the test pins their original sources). */
export const OVERRIDDEN_METHODS = Object.keys(overrides) as Array<keyof typeof overrides>;

/** Readability with the overrides; construct it as Readability. */
export const FasterReadability: typeof Readability = (() => {
  const Faster = class extends Readability<Element> {} as unknown as typeof Readability;
  Object.assign(Faster.prototype, overrides);
  return Faster;
})();
