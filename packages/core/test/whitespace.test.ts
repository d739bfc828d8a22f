import { describe, expect, it } from 'vitest';
import { isWhitespaceUnit } from '../src/whitespace.ts';

describe('isWhitespaceUnit', () => {
  it('is /\\s/ (and what trim() removes) on every UTF-16 code unit', () => {
    const differing: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const ch = String.fromCharCode(unit);
      const expected = /\s/.test(ch);
      if (isWhitespaceUnit(unit) !== expected || (expected && ch.trim() !== '') || (!expected && ch.trim() === '')) differing.push(unit);
    }
    expect(differing).toEqual([]);
  });
});
