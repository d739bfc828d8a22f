/**
 * Test helper: turns plain text into blocks the way a weak extractor leaves them. Blank lines
 * separate chunks; each non-empty line of a chunk is its own block (some seeds put one sentence
 * per line without blank lines); lines starting with "•" or "-" become list items, and
 * consecutive bullet lines share one list.
 */
import type { Block } from '../../src/types.ts';

const BULLET = /^\s*[•\-–]\s+/u;

export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let listId = 0;
  let inList = false;
  for (const chunk of text.replace(/\r\n?/gu, '\n').split(/\n[ \t]*\n/u)) {
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (line === '') continue;
      if (BULLET.test(raw)) {
        if (!inList) listId++;
        inList = true;
        blocks.push({ kind: 'list-item', text: line.replace(BULLET, '').trim(), listId });
        continue;
      }
      inList = false;
      blocks.push({ kind: 'paragraph', text: line });
    }
    inList = false;
  }
  return blocks;
}
