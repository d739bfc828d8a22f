/**
 * Seeded fuzz of extract (issue 12): random tag soup and mutated real pages (unclosed and stray
 * tags, deep nesting, huge attributes, NULs, broken entities, frames, SVG/MathML, templates,
 * tables) only ever give a result or NotAnArticleError/InvalidInputError, and are read on the
 * pipeline's DOM (no fallback to jsdom needed). The seed is fixed, so a failure reproduces;
 * FUZZ_SEED and FUZZ_CASES change it when exploring.
 */
import { describe, expect, it } from 'vitest';
import { DOM_VERSION, InvalidInputError, NotAnArticleError, extract } from '../src/index.ts';
import { fixturePages } from './helpers/fixture-pages.ts';
import { mulberry32 } from './helpers/prng.ts';

const SEED = Number(process.env['FUZZ_SEED'] ?? 12);
const CASES = Number(process.env['FUZZ_CASES'] ?? 80);

const generator = mulberry32;

const TAGS = [
  'html', 'head', 'body', 'title', 'meta', 'base', 'link', 'style', 'script', 'noscript', 'template', 'div', 'p', 'span', 'a',
  'b', 'i', 'em', 'strong', 'font', 'nobr', 'u', 's', 'code', 'pre', 'textarea', 'xmp', 'plaintext', 'listing', 'h1', 'h2',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'td', 'th', 'form',
  'input', 'select', 'option', 'optgroup', 'button', 'frameset', 'frame', 'iframe', 'object', 'embed', 'img', 'image', 'br',
  'hr', 'svg', 'math', 'mi', 'mo', 'mtext', 'annotation-xml', 'foreignObject', 'desc', 'g', 'path', 'article', 'section',
  'main', 'header', 'footer', 'nav', 'aside', 'figure', 'figcaption', 'blockquote', 'marquee', 'applet', 'ruby', 'rt', 'rp',
  'isindex', 'keygen', 'menu', 'search', 'x-custom', 'DIV', 'Svg',
];
const ATTRS = ['class', 'id', 'style', 'href', 'src', 'type', 'name', 'content', 'property', 'hidden', 'aria-hidden', 'xlink:href', 'xmlns', 'encoding', 'lang', 'dir', 'color', 'face', 'size', 'is'];
const TEXTS = [
  'The council approved the budget on Tuesday, after a long debate about schools and roads.',
  'Residents asked for the libraries to stay open, and the mayor said the city must rebuild its reserves.',
  '&amp; &lt; &gt; &quot; &#39; &nbsp; &notin &notit; &#0; &#x0; &#xD800; &#1114112; &#99999999999; &; &#; &#x; &amp',
  '\u0000', '\r\n', '\u00a0', '\uFEFF', '\uD800', '<![CDATA[ data ]]>', '<!-- a -- comment --!>', '<!--->', '<?php echo 1 ?>',
  '<!doctype html>', '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN">', '</>', '< p>', '<p/>', '<br/>', '</br>', '</p>',
  '</body>', '</html>', '</head>', '</table>', '</td></tr>', '</template>', '</svg>', '</math>', '<a><a>', '<b><p></b></p>',
];

function randomHtml(rand: () => number): string {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const parts: string[] = [];
  const open: string[] = [];
  const steps = 20 + Math.floor(rand() * 300);
  for (let i = 0; i < steps; i++) {
    const r = rand();
    if (r < 0.35) {
      const tag = pick(TAGS);
      let attrs = '';
      const n = Math.floor(rand() * 3);
      for (let k = 0; k < n; k++) {
        const huge = rand() < 0.01 ? 'x'.repeat(20_000 + Math.floor(rand() * 100_000)) : pick(TEXTS).slice(0, 40);
        attrs += ` ${pick(ATTRS)}${rand() < 0.8 ? `="${huge.replace(/"/g, '&quot;')}"` : ''}`;
      }
      parts.push(`<${tag}${attrs}${rand() < 0.05 ? '/' : ''}>`);
      if (rand() < 0.8) open.push(tag);
    } else if (r < 0.55 && open.length > 0) {
      // Close the innermost, or a random open element (misnesting), or leave it open.
      const at = rand() < 0.7 ? open.length - 1 : Math.floor(rand() * open.length);
      parts.push(`</${open.splice(at, 1)[0]}>`);
    } else if (r < 0.58) {
      // Deep nesting, sometimes past the DOM's depth cap, sometimes never closed.
      const tag = pick(['div', 'span', 'b', 'table', 'font', 'a', 'svg', 'math', 'li']);
      const depth = Math.floor(rand() * (rand() < 0.1 ? 2000 : 100));
      parts.push(`<${tag}>`.repeat(depth), pick(TEXTS), rand() < 0.5 ? `</${tag}>`.repeat(depth) : '');
    } else {
      parts.push(pick(TEXTS));
    }
  }
  return parts.join(rand() < 0.5 ? '' : '\n');
}

/** A real page, cut, spliced and sprinkled with random markup. */
function mutatedPage(rand: () => number, page: string): string {
  let html = page;
  const mutations = 1 + Math.floor(rand() * 8);
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(rand() * html.length);
    const len = Math.floor(rand() * Math.min(2000, html.length - at));
    const r = rand();
    if (r < 0.25) html = html.slice(0, at) + html.slice(at + len);
    else if (r < 0.45) html = html.slice(0, at) + html.slice(at, at + len).repeat(2) + html.slice(at);
    else if (r < 0.75) html = html.slice(0, at) + randomHtml(rand).slice(0, 3000) + html.slice(at);
    else if (r < 0.85) html = html.slice(0, at);
    else html = html.slice(0, at) + '\u0000'.repeat(1 + Math.floor(rand() * 5)) + html.slice(at);
  }
  return html;
}

describe(`extract on fuzzed HTML (seed ${SEED}, ${CASES} random + ${CASES} mutated pages)`, () => {
  const pages = fixturePages().map((page) => page.raw.toString('utf8'));
  const rand = generator(SEED);
  const inputs: Array<{ name: string; html: string }> = [];
  for (let i = 0; i < CASES; i++) inputs.push({ name: `random #${i}`, html: randomHtml(rand) });
  for (let i = 0; i < CASES; i++) inputs.push({ name: `mutated #${i}`, html: mutatedPage(rand, pages[i % pages.length]!) });

  // A generous limit: a few CPU-seconds of work, on a machine that may be heavily loaded.
  it('only ever returns a result read on the pipeline\'s DOM or throws NotAnArticleError/InvalidInputError', { timeout: 600_000 }, () => {
    const outcomes = { result: 0, notAnArticle: 0, invalidInput: 0 };
    const unexpected: string[] = [];
    for (const { name, html } of inputs) {
      try {
        const result = extract(html, { url: 'https://fuzz.example/story' });
        if (result.dom !== DOM_VERSION) unexpected.push(`${name}: read on ${result.dom}, not the pipeline's DOM`);
        outcomes.result++;
      } catch (error) {
        if (error instanceof NotAnArticleError) outcomes.notAnArticle++;
        else if (error instanceof InvalidInputError) outcomes.invalidInput++;
        else unexpected.push(`${name}: ${(error as Error).name}: ${(error as Error).message}`);
      }
    }
    expect(unexpected).toEqual([]);
    // The generator reaches both outcomes, so the assertion above is not vacuous.
    expect(outcomes.result).toBeGreaterThan(CASES / 4);
    expect(outcomes.notAnArticle).toBeGreaterThan(CASES / 4);
  });
});
