/** Shared helpers for the clean tests. */
import { runRules } from '../../src/clean/engine.ts';
import type { CleanRule } from '../../src/clean/rule.ts';
import type { Block, CleanResult } from '../../src/types.ts';

const NO_CONTEXT = { url: null, host: null, title: null, byline: null, declaredAuthors: [] };

/** Run only `rules` (no site rules, no options) over `blocks`. */
export function runOnly(rules: CleanRule[], blocks: Block[]): CleanResult {
  return runRules(blocks, rules, NO_CONTEXT);
}

export function texts(blocks: Block[]): string[] {
  return blocks.map((b) => b.text);
}

export const p = (text: string, extra: Partial<Block> = {}): Block => ({ kind: 'paragraph', text, ...extra });
export const h = (text: string, level = 2): Block => ({ kind: 'heading', text, level });
export const li = (text: string, listId: number, extra: Partial<Block> = {}): Block => ({ kind: 'list-item', text, listId, ...extra });
export const linked = (text: string, href = 'https://example.com/x'): Partial<Block> => ({ links: [{ text, href }] });

/** A substantial paragraph (counts as article content for head/foot tests). */
export const body = (n: number): Block =>
  p(`Paragraph ${n} of the story reports what officials said on the record, with enough words to count as real content.`);
