import { describe, expect, it } from 'vitest';
import { blocksToText, normalize } from '../src/index.ts';
import type { Block } from '../src/index.ts';
import { mulberry32, randomString } from './helpers/prng.ts';

describe('normalize', () => {
  const cases: Array<[string, string, string]> = [
    ['NFC composes', 'Cafe\u0301 A\u030A', 'Café Å'],
    ['removes zero-width characters and the soft hyphen', 'a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf\u00ADg', 'abcdefg'],
    ['removes control characters but keeps line feeds', 'a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u009Fg\nh', 'abcdefg\nh'],
    ['turns NBSP and other Unicode spaces into spaces', 'a\u00A0b\u2009c\u202Fd\u3000e\u1680f', 'a b c d e f'],
    ['turns tab, vertical tab and form feed into spaces', 'a\tb\vc\fd', 'a b c d'],
    ['turns CRLF and CR into LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['collapses runs of spaces inside a paragraph', 'a  \t \u00A0 b', 'a b'],
    ['trims every line', '  a  \n  b  ', 'a\nb'],
    ['separates paragraphs by exactly one blank line', 'a\n\n\n\nb\n \n\t\n\nc', 'a\n\nb\n\nc'],
    ['keeps a single line break inside a paragraph', 'line one\nline two', 'line one\nline two'],
    ['treats U+2028 as a line break and U+2029 as a paragraph break', 'a\u2028b\u2029c', 'a\nb\n\nc'],
    ['trims the whole text', '\n\n  a  \n\n', 'a'],
    ['replaces unpaired surrogates with U+FFFD', 'a\uD800b\uDC00c', 'a\uFFFDb\uFFFDc'],
    ['keeps paired surrogates', 'x\uD83D\uDE00y', 'x\uD83D\uDE00y'],
    ['gives the empty string for whitespace only', ' \n\u00A0\u200B\t\r\n ', ''],
    ['a zero-width space between words does not merge the space around it', 'a \u200B b', 'a b'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(normalize(input)).toBe(expected));
  }

  it('is idempotent on 20,000 seeded random strings', () => {
    const random = mulberry32(0x5eed1);
    for (let i = 0; i < 20_000; i++) {
      const input = randomString(random, 40);
      const once = normalize(input);
      const twice = normalize(once);
      if (twice !== once) {
        // Print the counterexample in a form that can be pasted back into a test.
        expect({ input: JSON.stringify(input), twice: JSON.stringify(twice) }).toEqual({
          input: JSON.stringify(input),
          twice: JSON.stringify(once),
        });
      }
    }
  });

  it('always yields text in the normal form on random input', () => {
    const random = mulberry32(42);
    for (let i = 0; i < 5_000; i++) {
      const out = normalize(randomString(random, 60));
      expect(out).toBe(out.normalize('NFC'));
      expect(out).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF\u00AD\r\u2028\u2029]/);
      expect(out).not.toMatch(/[\p{Zs}](?<! )/u); // the only space is U+0020
      expect(out).not.toMatch(/ {2}|^ | $|^\n|\n$|\n{3}| \n|\n /);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // well-formed UTF-16
    }
  });
});

describe('blocksToText', () => {
  const block = (kind: Block['kind'], text: string): Block => ({ kind, text });

  it('joins normalized blocks with one blank line, skipping figures and empty blocks', () => {
    const blocks: Block[] = [
      block('heading', '  Title\u00A0here '),
      { kind: 'figure', text: 'never in the text', src: 'https://a.example/i.jpg' },
      block('paragraph', 'First  paragraph,\nwith a break.'),
      block('paragraph', '\u200B \u00A0'),
      block('list-item', 'One'),
      block('caption', 'A caption.'),
    ];
    expect(blocksToText(blocks)).toBe('Title here\n\nFirst paragraph,\nwith a break.\n\nOne\n\nA caption.');
  });

  it('equals normalize of the joined normalized blocks (its definition) on seeded random blocks', () => {
    const random = mulberry32(0xb10c5);
    for (let i = 0; i < 5_000; i++) {
      const blocks = Array.from({ length: 1 + Math.floor(random() * 6) }, () => block('paragraph', randomString(random, 30)));
      const joined = blocks.map((b) => normalize(b.text)).filter(Boolean).join('\n\n');
      expect(blocksToText(blocks)).toBe(normalize(joined));
    }
  });

  it('is normalized and idempotent with normalize', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 2_000; i++) {
      const blocks = Array.from({ length: 1 + Math.floor(random() * 5) }, () => block('paragraph', randomString(random, 20)));
      const text = blocksToText(blocks);
      expect(normalize(text)).toBe(text);
    }
  });

  it('gives the empty string for no blocks', () => {
    expect(blocksToText([])).toBe('');
  });
});
