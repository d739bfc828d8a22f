/**
 * Every rule's own examples are tests: each `removes` example loses something to that rule alone,
 * and each `keeps` example survives the whole rule set untouched.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES, clean } from '../../src/clean/index.ts';
import { runOnly, texts } from './helpers.ts';
import { textToBlocks } from './text-to-blocks.ts';

/** Rules whose behaviour depends on structure (figures, links, titles); tested in structural-rules.test.ts. */
const STRUCTURAL = new Set(['figure-media', 'link-list', 'link-only-line', 'title-repeat', 'trailing-heading']);

describe('rule metadata', () => {
  it('has unique kebab-case ids and says what and why', () => {
    const ids = BUILT_IN_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of BUILT_IN_RULES) {
      expect(r.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/u);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.why.length).toBeGreaterThan(20);
      expect(r.matchBlock ?? r.matchSpans).toBeDefined();
    }
  });

  it('gives every non-structural rule positive and negative examples', () => {
    for (const r of BUILT_IN_RULES) {
      if (STRUCTURAL.has(r.id)) continue;
      expect(r.examples.removes.length, r.id).toBeGreaterThan(0);
      expect(r.examples.keeps.length, r.id).toBeGreaterThan(0);
    }
  });
});

for (const rule of BUILT_IN_RULES) {
  if (rule.examples.removes.length === 0 && rule.examples.keeps.length === 0) continue;
  describe(rule.id, () => {
    it.each(rule.examples.removes)('removes: %s', (example) => {
      const blocks = textToBlocks(example);
      const result = runOnly([rule], blocks);
      expect(result.removed.length).toBeGreaterThan(0);
      expect(result.removed.every((r) => r.rule === rule.id)).toBe(true);
      expect(texts(result.blocks).join('\n')).not.toBe(texts(blocks).join('\n'));
    });

    it.each(rule.examples.keeps)('keeps (whole rule set): %s', (example) => {
      const blocks = textToBlocks(example);
      const result = clean(blocks);
      expect(result.removed).toEqual([]);
      expect(result.blocks).toEqual(blocks);
    });
  });
}
