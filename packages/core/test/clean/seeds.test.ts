/**
 * The seeds (real article texts as a weak extractor left them) come out with every noise item gone
 * (each by the rule expected) and every content sentence kept, word for word, in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clean } from '../../src/clean/index.ts';
import { SEEDS } from './seed-expectations.ts';
import { texts } from './helpers.ts';
import { textToBlocks } from './text-to-blocks.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const seedBlocks = (file: string) => textToBlocks(fs.readFileSync(path.join(here, 'fixtures', 'seeds', file), 'utf8'));

describe('seeds', () => {
  it('covers every seed file', () => {
    const files = fs.readdirSync(path.join(here, 'fixtures', 'seeds')).filter((f) => f.endsWith('.txt')).sort();
    expect(SEEDS.map((s) => s.file).sort()).toEqual(files);
  });

  for (const seed of SEEDS) {
    describe(seed.file, () => {
      const input = seedBlocks(seed.file);
      const result = clean(input);

      it('keeps every content block, exactly and in order', () => {
        expect(texts(result.blocks)).toEqual(seed.content);
      });

      it('removes every noise item with the expected rule, at its input position', () => {
        expect(result.removed).toEqual(seed.removed);
        for (const r of seed.removed) expect(input[r.position]?.text).toContain(r.text);
      });

      it('leaves no removed text in the output', () => {
        const out = texts(result.blocks);
        for (const r of seed.removed) {
          expect(out).not.toContain(r.text);
          // Long items cannot survive inside another block either (short tags may recur in prose).
          if (r.text.length > 40) expect(out.join('\n')).not.toContain(r.text);
        }
      });

      it('moves bylines and captions to metadata', () => {
        expect(result.authors).toEqual(seed.authors);
        expect(result.media).toEqual(seed.media);
      });

      it('is idempotent: cleaning the cleaned blocks changes and removes nothing', () => {
        const again = clean(result.blocks);
        expect(again.removed).toEqual([]);
        expect(again.blocks).toEqual(result.blocks);
      });
    });
  }
});

describe('seed 004 with the title declared', () => {
  it('drops the headline that repeats the page title, recorded as title-repeat', () => {
    const input = seedBlocks('004_2cfbd87025977163.txt');
    const title = 'Russian officer shoots own ‘coward’ troops as army morale nears collapse | Daily Star';
    const result = clean(input, { title });
    expect(result.removed[0]).toEqual({
      rule: 'title-repeat',
      text: 'Russian officer shoots own ‘coward’ troops as army morale nears collapse',
      position: 0,
    });
    expect(result.blocks[0]?.text).toMatch(/^Morale in the Russian army/u);
  });
});
