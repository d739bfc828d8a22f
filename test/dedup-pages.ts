/**
 * Pages for the dedup and reproducibility tests: the article paragraphs of the example pages
 * (built from the shared seeds), re-wrapped in site templates of our own, so one text can be
 * "published" on several sites with different boilerplate, or edited between two fetches.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(REPO_ROOT, 'examples');

export const EXAMPLE_FILES = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.html'))
  .sort();

export function examplePath(name: string): string {
  return path.join(EXAMPLES, name);
}

export interface SeedArticle {
  title: string;
  /** The body's <p> elements, verbatim HTML, in order. */
  paragraphs: string[];
}

/** The headline and the body paragraphs of an example page (figures and widgets left out). */
export function seedArticle(file: string): SeedArticle {
  const page = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
  const title = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(page)?.[1]?.trim() ?? file;
  const article = /<article[\s\S]*?<\/article>/.exec(page)?.[0] ?? page;
  const paragraphs = [...article.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g)]
    .filter((m) => !/class="(?:copyright|standfirst|dek)"/.test(m[0]))
    .map((m) => m[1]!.trim())
    .filter((p) => p.replace(/<[^>]+>/g, '').trim().length > 40);
  return { title, paragraphs };
}

/**
 * Site A: a classic news layout, paragraphs one per line, chrome in header, sidebar and footer.
 */
export function templateA(a: SeedArticle, canonical: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>${a.title} | The Daily Ledger</title>
<link rel="canonical" href="${canonical}">
<meta property="og:site_name" content="The Daily Ledger">
<style>body{font-family:serif} .nav li{display:inline}</style>
<script>window.ledger = { section: 'world' };</script>
</head><body>
<header><a href="/">The Daily Ledger</a>
<ul class="nav"><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li></ul>
<form action="/search"><input name="q" placeholder="Search the Ledger"></form></header>
<main><article>
<h1>${a.title}</h1>
<p class="byline">By Staff Reporter</p>
<div class="article-body">
${a.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</div>
</article></main>
<aside><h2>Most popular</h2><ol><li><a href="/a">Council approves new budget after late-night session</a></li><li><a href="/b">Storm warning issued for the coast this weekend</a></li></ol>
<div class="ad">Advertisement</div></aside>
<footer><p>© The Daily Ledger. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>`;
}

/**
 * Site B: a different CMS: nested wrappers, paragraphs broken over lines with odd indentation,
 * non-breaking spaces and a zero-width space (normalization removes both), a different
 * headline, related links and newsletter box outside the article.
 */
export function templateB(a: SeedArticle, canonical: string): string {
  const body = a.paragraphs
    .map((p, i) => {
      const spaced = i === 0 ? p.replace(' ', '&nbsp;') : i === 1 ? p.replace(' ', ' &#8203;') : p;
      return `        <p>\n          ${breakFirstSentence(spaced)}\n        </p>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
  <head>
    <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
    <title>Harbour Post - ${a.title}</title>
    <meta property="og:url" content="${canonical}">
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${a.title.replace(/"/g, '')}"}</script>
  </head>
  <body>
    <div id="page"><div class="topbar"><span>Harbour Post</span> <a href="/login">Sign in</a> <a href="/subscribe">Subscribe from 1 a week</a></div>
    <nav><a href="/">Home</a> | <a href="/local">Local</a> | <a href="/sport">Sport</a> | <a href="/weather">Weather</a></nav>
    <div class="content-wrapper"><div class="column-main">
      <div class="story">
        <h1 class="headline">${a.title}</h1>
        <div class="story__byline">Harbour Post reporter, with agencies</div>
        <div class="story__text">
${body}
        </div>
      </div>
      <section class="related"><h3>Related stories</h3><ul><li><a href="/r1">Ferry timetable changes announced</a></li><li><a href="/r2">Harbour festival returns next month</a></li></ul></section>
    </div>
    <div class="column-side"><div class="newsletter"><h3>Morning briefing</h3><p>The day's news in your inbox.</p><form><input type="email"><button>Sign up</button></form></div></div>
    </div>
    <div class="footer">Harbour Post Ltd, registered in England. <a href="/contact">Contact</a></div>
    </div>
  </body>
</html>`;
}

/** Breaks the line after the first sentence of the paragraph's text (never inside a tag). */
function breakFirstSentence(html: string): string {
  let done = false;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (done || part.startsWith('<') || !part.includes('. ')) return part;
      done = true;
      return part.replace('. ', '.\n          ');
    })
    .join('');
}

/** A corrected sentence: one figure and one word changed in the middle of the text. */
export function correctSentence(a: SeedArticle): SeedArticle {
  const paragraphs = [...a.paragraphs];
  const i = Math.floor(paragraphs.length / 2);
  paragraphs[i] = paragraphs[i]!.replace(/\b(said|says|reported|according)\b/, 'later confirmed').replace(/\d/, (d) => String((Number(d) + 1) % 10));
  if (paragraphs[i] === a.paragraphs[i]) paragraphs[i] = `${paragraphs[i]} (Corrected.)`;
  return { ...a, paragraphs };
}

/** An appended update paragraph. */
export function appendUpdate(a: SeedArticle): SeedArticle {
  return {
    ...a,
    paragraphs: [
      ...a.paragraphs,
      'Update: This article has been updated with a statement released after publication, in which officials said the figures would be reviewed again next week.',
    ],
  };
}
