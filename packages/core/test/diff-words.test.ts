import { describe, expect, it } from 'vitest';
import { diffWords } from '../src/index.ts';

const side = (parts: ReturnType<typeof diffWords>, keep: 'insert' | 'delete') =>
  parts.filter((p) => p.op === 'equal' || p.op === keep).map((p) => p.text).join('');

describe('diffWords', () => {
  it('marks a replaced word as one deletion and one insertion, keeping the rest equal', () => {
    const parts = diffWords('The mayor resigned on Monday.', 'The mayor resigned on Tuesday.');
    expect(parts).toEqual([
      { op: 'equal', text: 'The mayor resigned on ' },
      { op: 'delete', text: 'Monday' },
      { op: 'insert', text: 'Tuesday' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('reproduces both texts exactly, whitespace and paragraph breaks included', () => {
    const a = 'First paragraph  with two  spaces.\n\nSecond paragraph, unchanged.\n\nThird one goes away.';
    const b = 'First paragraph with one space.\n\nSecond paragraph, unchanged.\n\nA new ending\n\nand more.';
    const parts = diffWords(a, b);
    expect(side(parts, 'delete')).toBe(a);
    expect(side(parts, 'insert')).toBe(b);
    expect(parts.some((p) => p.op === 'equal' && p.text.includes('Second paragraph, unchanged.'))).toBe(true);
    // Merged: never two adjacent parts with the same op, never an empty part.
    for (let i = 0; i < parts.length; i++) {
      expect(parts[i]!.text).not.toBe('');
      if (i > 0) expect(parts[i]!.op).not.toBe(parts[i - 1]!.op);
    }
  });

  it('is deterministic', () => {
    const a = Array.from({ length: 400 }, (_, i) => `word${i % 37}`).join(' ');
    const b = Array.from({ length: 400 }, (_, i) => `word${(i * 7) % 41}`).join(' ');
    expect(diffWords(a, b)).toEqual(diffWords(a, b));
  });

  it('handles identical and empty texts', () => {
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('same text', 'same text')).toEqual([{ op: 'equal', text: 'same text' }]);
    expect(diffWords('', 'new')).toEqual([{ op: 'insert', text: 'new' }]);
    expect(diffWords('old', '')).toEqual([{ op: 'delete', text: 'old' }]);
  });

  it('reports texts further apart than maxEditLength as a whole replacement, not a partial diff', () => {
    const a = Array.from({ length: 200 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 200 }, (_, i) => `b${i}`).join(' ');
    expect(diffWords(a, b, { maxEditLength: 10 })).toEqual([
      { op: 'delete', text: a },
      { op: 'insert', text: b },
    ]);
  });
});
