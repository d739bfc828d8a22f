/**
 * layoutRemovals: every removal of a stored result placed in the block it was cut from, taken
 * from a rerun of the text stages, and only when that rerun reproduces the stored record.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutRemovals, processPage, segmentsOf } from '../src/index.ts';

const PAGE = fs.readFileSync(new URL('../../../test/fixtures/web-ui/harbour-bridge-v1.html', import.meta.url));
const URL_ = 'https://ledger.example/news/harbour-bridge';

describe('layoutRemovals', () => {
  const stored = processPage(PAGE, { url: URL_ });

  it('places every removal in its block, in document order, with its rule', () => {
    const layout = layoutRemovals(PAGE, { url: URL_ }, stored);
    if (!layout.placed) throw new Error(layout.reason);
    const removed = layout.blocks.flatMap((b) => b.segments.filter((s) => s.rule !== null).map((s) => ({ rule: s.rule, text: s.text, position: b.position })));
    expect(removed).toEqual(stored.removed);
    // Whole blocks removed are not kept; the span cut sits after the kept part of its paragraph.
    expect(layout.blocks.find((b) => b.segments.some((s) => s.rule === 'ad-label'))).toMatchObject({ kept: false });
    const glued = layout.blocks.find((b) => b.segments.some((s) => s.rule === 'share-prompt'))!;
    expect(glued.kept).toBe(true);
    expect(glued.segments.map((s) => s.rule)).toEqual([null, 'share-prompt']);
    // The kept segments, paragraph by paragraph, are the stored text.
    const keptText = layout.blocks.filter((b) => b.kept).map((b) => b.segments.filter((s) => s.rule === null).map((s) => s.text.trim()).join(' ')).join('\n\n');
    expect(keptText).toBe(stored.text);
  });

  it('refuses to place anything when the rerun does not reproduce the stored record', () => {
    const other = layoutRemovals(PAGE, { url: URL_ }, { text: `${stored.text} (edited)`, removed: stored.removed });
    expect(other).toMatchObject({ placed: false, reason: expect.stringContaining('different text') });
    const fewer = layoutRemovals(PAGE, { url: URL_ }, { text: stored.text, removed: stored.removed.slice(1) });
    expect(fewer).toMatchObject({ placed: false, reason: expect.stringContaining('other removals') });
  });

  it('keeps field records (position -1) apart, placed or not', () => {
    const field = { rule: 'unstorable-characters', text: 'title: U+0000 x1 removed', position: -1 };
    const layout = layoutRemovals(PAGE, { url: URL_ }, { text: stored.text, removed: [...stored.removed, field] });
    expect(layout.placed).toBe(true);
    expect(layout.fieldRemovals).toEqual([field]);
  });
});

describe('segmentsOf', () => {
  it('marks each removal at a free occurrence and lists an unlocated one after the text', () => {
    const segments = segmentsOf('Read more: x. Body text. Read more: x.', [
      { rule: 'a', text: 'Read more: x.', position: 0 },
      { rule: 'b', text: 'Read more: x.', position: 0 },
      { rule: 'c', text: 'not there', position: 0 },
    ]);
    expect(segments).toEqual([
      { text: 'Read more: x.', rule: 'a' },
      { text: ' Body text. ', rule: null },
      { text: 'Read more: x.', rule: 'b' },
      { text: 'not there', rule: 'c' },
    ]);
  });
});
