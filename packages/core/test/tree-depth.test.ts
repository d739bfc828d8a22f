/**
 * The DOM's depth cap (Blink's rule, tree-depth.ts) as the pipeline's builder (parse5 into
 * linkedom, html5-builder.ts) applies it: past MAX_TREE_DEPTH open elements a node goes beside
 * the current node.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/extract/parse-document.ts';
import { MAX_TREE_DEPTH, insertionParent } from '../src/extract/tree-depth.ts';

/** Element depth of the deepest element (html = 1), without recursion. */
function maxElementDepth(document: Document): number {
  let max = 0;
  const stack: Array<[Element, number]> = [[document.documentElement, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    max = Math.max(max, depth);
    for (const child of element.children) stack.push([child, depth + 1]);
  }
  return max;
}

const nested = (n: number, tag: string, inner: string): string => `${`<${tag}>`.repeat(n)}${inner}${`</${tag}>`.repeat(n)}`;

describe('insertionParent', () => {
  const node = (parentNode: { parentNode: unknown } | null) => ({ parentNode }) as { parentNode: never };
  it('nests into the current node up to the cap, then beside it', () => {
    const parent = node(null);
    const current = node(parent);
    expect(insertionParent(current, MAX_TREE_DEPTH)).toBe(current);
    expect(insertionParent(current, MAX_TREE_DEPTH + 1)).toBe(parent);
    expect(insertionParent(node(null), MAX_TREE_DEPTH + 5)).not.toBe(null);
  });
});

describe('parseDocument caps the tree depth as browsers do', () => {
  it('builds 5,000 nested divs at most MAX_TREE_DEPTH + 1 deep, the text kept, the rest of the page in place', () => {
    const html = `<html><head></head><body>${nested(5000, 'div', '<p>deep text</p>')}<p id="after">after</p></body></html>`;
    const { document } = parseDocument(html, 'https://example.com/');
    expect(maxElementDepth(document)).toBe(MAX_TREE_DEPTH + 1);
    expect(document.querySelectorAll('div').length).toBe(5000);
    // As in a browser, the <p> past the cap holds nothing: its text went to the deepest allowed element.
    expect(document.querySelector('p')!.textContent).toBe('');
    expect(document.body.textContent).toBe('deep textafter');
    // The end tags still close the elements opened past the cap: what follows is in the body.
    expect(document.getElementById('after')!.parentNode).toBe(document.body);
  });

  it('leaves a tree within the cap as it was', () => {
    const html = `<html><head></head><body>${nested(MAX_TREE_DEPTH - 2, 'span', 'x')}</body></html>`;
    const { document } = parseDocument(html, 'https://example.com/');
    expect(maxElementDepth(document)).toBe(MAX_TREE_DEPTH);
    expect(document.body.textContent).toBe('x');
  });
});
