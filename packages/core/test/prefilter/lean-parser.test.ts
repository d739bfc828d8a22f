/**
 * The prefilter's LeanParser (src/prefilter/lean-parser.ts) must give the stock htmlparser2
 * Parser's events, tag names and positions, and the same values for the attributes the
 * prefilter reads, on every fixture and sample page and on attribute edge cases.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Parser, type Handler } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/index.ts';
import { LeanParser, READ_ATTRIBUTES } from '../../src/prefilter/lean-parser.ts';
import { fixturePages } from '../helpers/fixture-pages.ts';

function samplePages(): Array<{ name: string; raw: Buffer }> {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bench/corpora/sample');
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as Record<string, unknown>;
  return Object.keys(index).map((key) => ({ name: `sample/${key}`, raw: gunzipSync(readFileSync(path.join(dir, 'html', `${key}.html.gz`))) }));
}

/** Every event the prefilter listens to, with the parser's positions; attributes as `keep` selects them. */
function events(ParserClass: typeof Parser, html: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const handler: Partial<Handler> = {
    onopentag(name, attribs) {
      const kept = Object.entries(attribs).filter(([attribute]) => keep(attribute));
      out.push(`open ${name} ${parser.startIndex}-${parser.endIndex} ${JSON.stringify(kept)}`);
    },
    onclosetag(name, isImplied) {
      out.push(`close ${name} ${isImplied} ${parser.startIndex}-${parser.endIndex}`);
    },
    oncomment() {
      out.push(`comment ${parser.startIndex}-${parser.endIndex}`);
    },
    ontext(text) {
      out.push(`text ${parser.startIndex}-${parser.endIndex} ${text.length}`);
    },
  };
  const parser: Parser = new ParserClass(handler, { decodeEntities: false });
  parser.end(html);
  return out;
}

function expectSameEvents(html: string): void {
  const stock = events(Parser, html, (name) => READ_ATTRIBUTES.has(name));
  // Everything LeanParser keeps, unfiltered: nothing beyond the names the prefilter reads.
  const lean = events(LeanParser, html, () => true);
  expect(lean).toEqual(stock);
}

describe('prefilter: LeanParser', () => {
  it('gives the stock Parser events and read attributes on attribute edge cases', () => {
    const cases = [
      '<div CLASS="a" class="b" ID=x data-class="menu" hidden style="display:none">t</div>',
      '<p title="x>y" class=\'q\' aria-hidden=true role=navigation rel="author" itemprop=author>x</p>',
      '<font color=red face=x size=3><svg><font size=1></font></svg></font>',
      '<script type="application/ld+json">{}</script><script type=&#97;>x</script>',
      `<div class="${'a'.repeat(70_000)}" data-x="${'&amp;'.repeat(1000)}" style>${'<i>'.repeat(50)}</div>`,
      '<a href=/x?a=1&b=2 class=&quot;x&quot;>x</a><img src="a.png" alt= class = "c" / >',
      '<div class="unterminated',
      '<div \u0000class="x" cl\u0000ass="y">',
    ];
    for (const html of cases) expectSameEvents(html);
  });

  it('gives the stock Parser events and read attributes on every fixture and sample page', () => {
    const pages = [...fixturePages(), ...samplePages()];
    expect(pages.length).toBeGreaterThan(120);
    for (const page of pages) expectSameEvents(decodeHtml(page.raw).html);
  });
});
