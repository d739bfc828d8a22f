import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PREFILTER_VERSION, prefilterHtml } from '../../src/index.ts';
import { styleHides } from '../../src/prefilter/rules.ts';
import { visibleText } from './visible-text.ts';

const page = (head: string, body: string) => `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;

describe('prefilterHtml removes what is never article content', () => {
  it('drops scripts, styles, templates, inline SVG and comments', () => {
    const out = prefilterHtml(
      page(
        '<title>T</title><style>p { color: red }</style><script src="a.js"></script><script>var x = "</div>";</script>',
        '<p>one<!-- a comment --> two</p><svg viewBox="0 0 1 1"><title>icon</title><path d="M0"/></svg><template><p>tpl</p></template><p>three</p>',
      ),
    );
    expect(out).toBe(page('<title>T</title>', '<p>one two</p><p>three</p>'));
  });

  it('drops elements hidden the way Readability recognises', () => {
    const body = [
      '<div hidden>a</div>',
      '<div aria-hidden="true">b</div>',
      '<section style="display: none">c</section>',
      '<span style="color:red; visibility:hidden !important">d</span>',
      '<p>kept</p>',
    ].join('');
    expect(prefilterHtml(page('', body))).toBe(page('', '<p>kept</p>'));
  });

  it('removes only the text inside an iframe', () => {
    expect(prefilterHtml(page('', '<iframe src="https://v.example/1">fallback &amp; text</iframe>'))).toBe(
      page('', '<iframe src="https://v.example/1"></iframe>'),
    );
  });

  it('turns CR LF and lone CR into LF, as an HTML parser does', () => {
    expect(prefilterHtml('<p>a\r\nb\rc</p>')).toBe('<p>a\nb\nc</p>');
  });
});

describe('prefilterHtml keeps what extract and Readability read', () => {
  it('keeps JSON-LD, title, meta, canonical, base, html lang and noscript', () => {
    const head = [
      '<title>Headline</title>',
      '<meta property="og:title" content="OG">',
      '<link rel="canonical" href="https://example.com/a">',
      '<base href="https://example.com/">',
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>',
      '<script type=" Application/LD+JSON ">{"@type":"Article"}</script>',
    ].join('');
    const body = '<article><h1>Headline</h1><p>Body text.</p><noscript><img src="a.jpg"></noscript></article>';
    expect(prefilterHtml(page(head, body))).toBe(page(head, body));
  });

  it('keeps aria-hidden elements with the fallback-image class and visible styles', () => {
    const body = [
      '<span aria-hidden="true" class="mwe-math-fallback-image-inline">x²</span>',
      '<div aria-hidden="false">a</div>',
      '<div style="display:block">b</div>',
      '<div style="display:none; display:block">c</div>',
      // jsdom does not read an upper-case property name, so Readability sees this as visible.
      '<div style="DISPLAY: NONE">d</div>',
    ].join('');
    expect(prefilterHtml(page('', body))).toBe(page('', body));
  });

  it('keeps hidden h1/h2 (Readability takes the title from them) and the element before a noscript', () => {
    const body = '<h1 hidden>Title</h1><img hidden data-src="a.jpg"><noscript><img src="a.jpg"></noscript><p>x</p>';
    expect(prefilterHtml(page('', body))).toBe(page('', body));
  });

  it('leaves documents with nothing to drop byte for byte', () => {
    const html = page('<meta charset="utf-8"><title>T</title>', '<main><p>Plain &amp; simple.</p><ul><li>a<li>b</ul></main>');
    expect(prefilterHtml(html)).toBe(html);
  });
});

describe('prefilterHtml on malformed HTML drops only what a browser would hide', () => {
  const cases: Record<string, string> = {
    'hidden div closed by its parent': '<section><div hidden>gone<p>para</section><p>after</p>',
    'hidden div never closed': '<div hidden>to the end <p>x',
    'formatting element left open inside': '<div hidden><a href="/x">link</div>then text</a>',
    'hidden element in a table': '<table><div hidden><tr><td>cell</td></tr></div></table>',
    'breakout from svg': '<svg><p>visible paragraph</p></svg><p>after</p>',
    'unclosed script': '<p>a</p><script>var x = 1;',
    'stray end tags': '</div></span><p>a</p></p></br><div hidden>b</div>',
    'unclosed comment': '<p>a</p><!-- never closed <p>b</p>',
    'nested hidden': '<div hidden><div style="display:none">x</div>y</div><p>z</p>',
    'markup inside iframe': '<iframe><p>not markup</p></iframe><p>after</p>',
    'p in p and lists': '<p>one<p>two<ul><li>a<li style="display:none">b<li>c</ul>',
    'hidden inside a cell': '<table><tr><td><span hidden>x</span>y</td></tr></table>',
    'select and options': '<select hidden><option>a<option>b</select><p>c</p>',
    'template with stray end tag': '<div><template></div><p>in template</p></template></div><p>out</p>',
    'math with cdata': '<math><mi><![CDATA[x]]></mi></math><p>m</p>',
    'attributes with entities': '<div style="display&#58;none">kept</div><div hidden="">gone</div>',
  };
  for (const [name, body] of Object.entries(cases)) {
    it(`${name}: same visible text as the unfiltered page`, () => {
      const html = page('<title>T</title>', body);
      expect(visibleText(prefilterHtml(html))).toEqual(visibleText(html));
    });
  }

  it('handles deep nesting in one linear pass', () => {
    const depth = 20_000;
    const hidden = '<div hidden>'.repeat(depth) + 'x' + '</div>'.repeat(depth);
    expect(prefilterHtml(page('', `${hidden}<p>kept</p>`))).toBe(page('', '<p>kept</p>'));
    const unclosed = '<div hidden>'.repeat(depth) + 'to the end';
    expect(prefilterHtml(page('', unclosed))).toBe(page('', unclosed));
  });

  it('gives up on everything open when SVG content breaks out', () => {
    const body = '<div hidden><svg><p>x</p></svg></div><p>after</p>';
    expect(prefilterHtml(page('', body))).toBe(page('', body));
  });

  it('never throws on garbage', () => {
    for (const input of ['', '<', '<<<>>>', '<!--', '<![CDATA[', '</', '<script', '<svg><svg><svg>', '\u0000<p\u0000>x', '<div hidden']) {
      expect(typeof prefilterHtml(input)).toBe('string');
    }
  });
});

describe('prefilterHtml over real pages', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const examplesDir = path.resolve(here, '../../../../examples');
  const fixturesDir = path.resolve(here, '../fixtures');
  const files = [
    ...readdirSync(examplesDir).filter((f) => f.endsWith('.html')).map((f) => path.join(examplesDir, f)),
    ...['blocks', 'extract'].flatMap((d) =>
      readdirSync(path.join(fixturesDir, d)).filter((f) => f.endsWith('.html')).map((f) => path.join(fixturesDir, d, f)),
    ),
  ];

  it('finds the example pages', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  for (const file of files) {
    const name = path.relative(path.resolve(here, '../../../..'), file);
    it(`${name}: same visible text, JSON-LD, title and lang; deterministic and idempotent`, () => {
      const html = readFileSync(file, 'utf8');
      const once = prefilterHtml(html);
      expect(visibleText(once)).toEqual(visibleText(html));
      expect(prefilterHtml(html)).toBe(once);
      expect(prefilterHtml(once)).toBe(once);
    });
  }
});

describe('styleHides', () => {
  it('reads the effective display and visibility like jsdom', () => {
    expect(styleHides('display:none')).toBe(true);
    expect(styleHides('display :none;*zoom:1')).toBe(true);
    expect(styleHides('display:none !important; display:block')).toBe(true);
    expect(styleHides('visibility: HIDDEN')).toBe(true);
    expect(styleHides('display:none; display:block')).toBe(false);
    expect(styleHides('display:none\\9')).toBe(false);
    expect(styleHides('/*x*/display:none')).toBe(false);
    expect(styleHides('content:"display:none"')).toBe(false);
  });
});

it('has a version', () => {
  expect(PREFILTER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
});
