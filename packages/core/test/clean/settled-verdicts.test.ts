/**
 * Settled verdicts (engine.ts): a matcher that read only the block it examined is not asked
 * again about the same block in a later pass; one that looked elsewhere is. The built-in rules
 * keep the contract that makes this exact: such a verdict does not change when the same block
 * stands elsewhere, among other blocks, with other authors known.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DocView, type ViewContext } from '../../src/clean/doc-view.ts';
import { BUILT_IN_RULES } from '../../src/clean/index.ts';
import type { CleanRule } from '../../src/clean/rule.ts';
import type { Block } from '../../src/types.ts';
import { body, h, li, linked, p, runOnly } from './helpers.ts';
import { textToBlocks } from './text-to-blocks.ts';

const spy = (id: string, seen: string[], match: CleanRule['matchBlock']): CleanRule => ({
  id,
  description: 'test rule',
  why: 'test rule',
  examples: { removes: [], keeps: [] },
  patterns: [],
  matchBlock(doc, i) {
    seen.push(`${id}:${doc.text(i)}`);
    return match?.(doc, i) ?? null;
  },
});

describe('reused verdicts', () => {
  it('does not ask again about a block when the verdict came from the block alone', () => {
    const seen: string[] = [];
    runOnly([spy('a', seen, (doc, i) => (doc.text(i) === 'x' ? {} : null))], [p('x'), p('y')]);
    // Pass 2 runs (pass 1 removed x) but knows that "y" alone holds nothing for a.
    expect(seen).toEqual(['a:x', 'a:y']);
  });

  it('asks again when the verdict looked at another block, a position, the extent or the authors', () => {
    const looks: Array<CleanRule['matchBlock']> = [
      (doc, i) => (doc.text(i + 1) === 'never' ? {} : null),
      (doc, i) => (doc.atEnd(i) && doc.text(i) === 'never' ? {} : null),
      (doc, i) => (doc.inFirst(i, 1) && doc.text(i) === 'never' ? {} : null),
      (doc, i) => (i === doc.length && doc.text(i) === 'never' ? {} : null),
      (doc) => (doc.isKnownAuthor('Jane Doe') ? {} : null),
    ];
    for (const look of looks) {
      const seen: string[] = [];
      runOnly([spy('a', seen, (doc, i) => (doc.text(i) === 'x' ? {} : null)), spy('b', seen, look)], [p('x'), p('y')]);
      expect(seen).toEqual(['a:x', 'a:y', 'b:y', 'b:y']);
    }
  });

  it('asks again about a block that a span rule cut (a new block)', () => {
    const seen: string[] = [];
    const cut: CleanRule = {
      ...spy('cut', [], () => null),
      matchBlock: undefined,
      matchSpans: (doc, i) => (doc.text(i).endsWith(' [x]') ? [{ start: doc.text(i).length - 4, end: doc.text(i).length }] : []),
    };
    runOnly([spy('a', seen, () => null), cut], [p('y [x]')]);
    expect(seen).toEqual(['a:y [x]', 'a:y']);
  });
});

const context: ViewContext = {
  url: 'https://www.example.com/news/story',
  host: 'www.example.com',
  title: 'A title for the page',
  byline: 'Jane Doe',
  declaredAuthors: ['Jane Doe'],
};

/** Blocks of every seed and every rule example. */
function documents(): Block[][] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = path.join(here, 'fixtures', 'seeds');
  const docs = fs.readdirSync(dir).map((f) => textToBlocks(fs.readFileSync(path.join(dir, f), 'utf8')));
  for (const r of BUILT_IN_RULES) for (const t of [...r.examples.removes, ...r.examples.keeps]) docs.push(textToBlocks(t));
  // Headings, figures, captions and links, which the text fixtures lack.
  docs.push([
    h('More from the newsroom'),
    li('Markets slide as rates rise', 1, linked('Markets slide as rates rise')),
    li('Tags', 1),
    { kind: 'figure', text: '', src: 'https://example.com/b.jpg', caption: 'The harbour at dawn. Photo: Jane Doe' },
    { kind: 'caption', text: 'The harbour at dawn. (AP Photo/John Roe)' },
    p('READ MORE ABOUT THE HARBOUR', linked('READ MORE ABOUT THE HARBOUR')),
    h('Share this article'),
  ]);
  return docs;
}

/** The same block among other surroundings. */
function elsewhere(b: Block): Array<{ blocks: Block[]; at: number; authors: string[] }> {
  return [
    { blocks: [b], at: 0, authors: [] },
    { blocks: [h('Heading'), p('Advertisement'), b], at: 2, authors: ['John Roe'] },
    { blocks: [body(1), body(2), b, body(3)], at: 2, authors: [] },
    { blocks: [body(1), b, { kind: 'figure', text: '', src: 'https://example.com/a.jpg' }], at: 1, authors: ['Jane Doe'] },
  ];
}

describe('the built-in rules keep the contract', () => {
  it('an empty verdict drawn from a block alone holds for that block anywhere', () => {
    let checked = 0;
    for (const blocks of documents()) {
      const view = new DocView(blocks, context, []);
      for (const rule of BUILT_IN_RULES) {
        for (const [i, b] of blocks.entries()) {
          view.examine(i);
          const blockVerdict = rule.matchBlock?.(view, i) ?? null;
          const blockLocal = view.readOnlySubject();
          view.examine(i);
          const spans = rule.matchSpans?.(view, i) ?? [];
          const spansLocal = view.readOnlySubject();
          for (const other of elsewhere(b)) {
            const v = new DocView(other.blocks, context, other.authors);
            if (rule.matchBlock && blockVerdict === null && blockLocal) {
              expect(rule.matchBlock(v, other.at), `${rule.id} on ${b.text}`).toBeNull();
              checked++;
            }
            if (rule.matchSpans && spans.length === 0 && spansLocal) {
              expect(rule.matchSpans(v, other.at), `${rule.id} on ${b.text}`).toEqual([]);
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
