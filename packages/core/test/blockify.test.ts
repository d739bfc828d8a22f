import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockify } from '../src/extract/blockify.ts';
import { parseDocument } from '../src/extract/parse-document.ts';
import type { Block } from '../src/index.ts';

const dir = new URL('fixtures/blocks/', import.meta.url);
const PAGE_URL = 'https://news.example/section/story.html';

function blocksOf(html: string): Block[] {
  const { document, close } = parseDocument(html, PAGE_URL);
  try {
    return blockify(document.body);
  } finally {
    close();
  }
}

describe('blockify fixtures (HTML -> expected blocks JSON)', () => {
  const names = readdirSync(dir).filter((name) => name.endsWith('.html'));
  it('has fixtures', () => expect(names.length).toBeGreaterThanOrEqual(7));
  for (const name of names) {
    it(name, () => {
      const html = readFileSync(new URL(name, dir), 'utf8');
      const expected = JSON.parse(readFileSync(new URL(name.replace(/\.html$/, '.json'), dir), 'utf8')) as Block[];
      expect(blocksOf(html)).toEqual(expected);
    });
  }
});

describe('blockify', () => {
  it('gives no blocks for an empty element', () => {
    expect(blocksOf('<body></body>')).toEqual([]);
  });

  it('is deterministic: the same HTML gives equal blocks', () => {
    const html = readFileSync(new URL('figures.html', dir), 'utf8');
    expect(JSON.stringify(blocksOf(html))).toBe(JSON.stringify(blocksOf(html)));
  });
});
