/**
 * The article's text with every removal shown in place: each removed piece highlighted, with the
 * rule that made it, where it stood in the page (core's layoutRemovals). When the removals cannot
 * be placed exactly (see layoutRemovals), the stored text is shown as stored and the removals are
 * listed by block position, with the reason.
 */
import type { Article } from '@vellum/db';
import type { LaidOutBlock, RemovalLayout, RemovedItem } from '@vellum/core';
import { html, type SafeHtml } from '../html.ts';
import { notice, page } from '../layout.ts';
import { articleHeader, type CaptureLinks } from './article-header.ts';

function removal(text: string, rule: string): SafeHtml {
  return html`<span class="removal" data-rule="${rule}"><span class="rule" aria-hidden="true">${rule}</span><del title="removed by rule ${rule}">${text}</del></span>`;
}

function block(b: LaidOutBlock): SafeHtml {
  const kind = b.kind === 'heading' ? 'heading' : b.kind === 'list-item' ? 'list-item' : b.kind === 'quote' ? 'quote' : 'para';
  const classes = `block block-${kind}${b.kept ? '' : ' block-removed'}`;
  return html`<p class="${classes}" data-position="${b.position}">${b.segments.map((s) => (s.rule === null ? html`${s.text}` : removal(s.text, s.rule)))}</p>`;
}

function ruleCounts(removed: readonly RemovedItem[]): SafeHtml {
  const counts = new Map<string, number>();
  for (const r of removed) counts.set(r.rule, (counts.get(r.rule) ?? 0) + 1);
  if (counts.size === 0) return html`<p class="muted">Cleaning removed nothing from this article.</p>`;
  return html`<ul class="rule-counts">${[...counts].map(([rule, n]) => html`<li><span class="rule">${rule}</span> × ${n}</li>`)}</ul>`;
}

function fieldChanges(items: readonly RemovedItem[]): SafeHtml | '' {
  if (items.length === 0) return '';
  return html`<section class="field-changes"><h2>Changes to metadata fields</h2>
  <ul>${items.map((r) => html`<li><span class="rule">${r.rule}</span> ${r.text}</li>`)}</ul></section>`;
}

function unplaced(article: Article, reason: string): SafeHtml {
  const blockRemovals = article.removed.filter((r) => r.position >= 0);
  return html`${notice('warn', html`The removals cannot be placed in the text exactly: ${reason}. The stored text is shown as stored, and the removals are listed below by the position of the block they came from.`)}
<div class="article-text">${article.text.split('\n\n').map((p) => html`<p class="block block-para">${p}</p>`)}</div>
<section><h2>Removals by block position</h2>
<table class="grid"><thead><tr><th>Block</th><th>Rule</th><th>Text removed</th></tr></thead>
<tbody>${blockRemovals.map((r) => html`<tr><td>${r.position}</td><td><span class="rule">${r.rule}</span></td><td>${removal(r.text, r.rule)}</td></tr>`)}</tbody></table></section>`;
}

export function articlePage(article: Article, links: CaptureLinks, layout: RemovalLayout): SafeHtml {
  const body = layout.placed
    ? html`<input type="checkbox" id="hide-removals" class="toggle">
<label for="hide-removals" class="toggle-label">Hide removals (show the stored text only)</label>
<div class="article-text">${layout.blocks.map(block)}</div>`
    : unplaced(article, layout.reason);
  return page({
    title: article.title || article.url,
    signedIn: true,
    body: html`${articleHeader(article, 'text', links)}
<div class="article-layout">
  <section class="reading">${body}</section>
  <aside class="legend">
    <h2>Removed by cleaning</h2>
    <p class="muted">Each highlighted piece was removed from the page's text by the rule named on it. The text without them is what the archive stored and hashed.</p>
    ${ruleCounts(article.removed.filter((r) => r.position >= 0))}
    ${fieldChanges(layout.fieldRemovals)}
  </aside>
</div>`,
  });
}
