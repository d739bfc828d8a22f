/** The engine's contract: order, positions, metadata, no mutation, fixed point. */
import { describe, expect, it } from 'vitest';
import { clean } from '../../src/clean/index.ts';
import type { CleanRule } from '../../src/clean/rule.ts';
import type { Block } from '../../src/types.ts';
import { body, li, p, runOnly, texts } from './helpers.ts';

describe('engine', () => {
  it('records positions as indices into the input, whatever was removed before', () => {
    const input = [p('Advertisement'), body(1), p('By Jane Doe and John Roe'), body(2), p('Sponsored'), body(3)];
    const r = clean(input);
    expect(r.removed).toEqual([
      { rule: 'ad-label', text: 'Advertisement', position: 0 },
      { rule: 'byline', text: 'By Jane Doe and John Roe', position: 2 },
      { rule: 'ad-label', text: 'Sponsored', position: 4 },
    ]);
    expect(r.authors).toEqual(['Jane Doe', 'John Roe']);
  });

  it('does not modify the input blocks', () => {
    const input: Block[] = [body(1), p('He said so. The Origin of Names, W... Foote, Patrick Best Price: $4.04 Buy New $12.79 (as of 01:36 UTC - Details)')];
    const copy = structuredClone(input);
    const r = clean(input);
    expect(input).toEqual(copy);
    expect(r.blocks[1]?.text).toBe('He said so.');
  });

  it('keeps authors in order of appearance without duplicates', () => {
    const r = clean([p('By Jane Doe'), body(1), body(2), p('Reporting by John Roe and Jane Doe; Editing by Max Mustermann')]);
    expect(r.authors).toEqual(['Jane Doe', 'John Roe']);
  });

  it('de-duplicates identical media (gallery repeats of one credit)', () => {
    const r = clean([p('Photo: Damian Dovarganes, AP'), p('Image 1 of 23'), p('Photo: Damian Dovarganes, AP'), body(1)]);
    expect(r.media).toEqual([{ src: null, caption: null, credit: 'Photo: Damian Dovarganes, AP' }]);
    expect(r.removed.map((x) => x.rule)).toEqual(['photo-caption', 'gallery-chrome', 'photo-caption']);
  });

  it('drops a block whose whole text was spans, recording the spans', () => {
    const ad = 'The Origin of Names, W... Foote, Patrick Best Price: $4.04 Buy New $12.79 (as of 01:36 UTC - Details)';
    const r = clean([body(1), p(ad)]);
    expect(texts(r.blocks)).toEqual([body(1).text]);
    expect(r.removed).toEqual([{ rule: 'product-ad-inline', text: ad, position: 1 }]);
  });

  it('repeats passes until nothing changes: a list that becomes last is then seen as a tag list', () => {
    const input = [body(1), body(2), li('Russia Ukraine war', 1), li('Vladimir Putin', 1), p('Source: Read Full Article')];
    const r = clean(input);
    expect(texts(r.blocks)).toEqual([body(1).text, body(2).text]);
    expect(clean(r.blocks).removed).toEqual([]);
  });

  it('applies rules in the given order, each on what the previous left', () => {
    const seen: string[] = [];
    const spy = (id: string): CleanRule => ({
      id,
      description: 'test rule',
      why: 'test rule',
      examples: { removes: [], keeps: [] },
      patterns: [],
      matchBlock(doc, i) {
        // Asking where the block stands makes the verdict depend on the other blocks.
        seen.push(`${id}:${doc.text(i)}:${doc.atStart(i) ? 'head' : 'body'}`);
        return doc.text(i) === 'x' ? {} : null;
      },
    });
    runOnly([spy('a'), spy('b')], [p('x'), p('y')]);
    // Pass 1: a removes x, b only sees y. Pass 2 removes nothing and ends the loop.
    expect(seen).toEqual(['a:x:head', 'a:y:head', 'b:y:head', 'a:y:head', 'b:y:head']);
  });
});

describe('idempotence over a noisy page', () => {
  const page: Block[] = [
    li('Home', 1, { links: [{ text: 'Home', href: '/' }] }),
    li('News', 1, { links: [{ text: 'News', href: '/news' }] }),
    p('Skip to content'),
    p('By Stefan Becket, Kathryn Watson'),
    p('Updated 1:39 am EST, Wednesday, November 20, 2019'),
    p('Traders work on the floor of the NYSE in New York, U.S., November 18, 2019. REUTERS/Brendan McDermid'),
    body(1),
    p('Advertisement'),
    body(2),
    p('Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing'),
    body(3),
    p('Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.'),
    p('Reporting by Rodrigo Campos; Editing by Nick Zieminski'),
    p('© 2019 Example News. All rights reserved.'),
    li('Wall Street', 2),
    li('Stocks', 2),
  ];

  it('cleans to content only, and cleaning again removes nothing', () => {
    const once = clean(page);
    expect(texts(once.blocks)).toEqual([body(1).text, body(2).text, body(3).text]);
    const twice = clean(once.blocks);
    expect(twice.removed).toEqual([]);
    expect(twice.blocks).toEqual(once.blocks);
  });
});
