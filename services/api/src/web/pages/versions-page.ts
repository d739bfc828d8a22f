/** Every version of the article's URL, and a word-level diff of two of them. */
import type { Article } from '@vellum/db';
import { html, time, type SafeHtml } from '../html.ts';
import { notice, page } from '../layout.ts';
import { UI_PREFIX } from '../session.ts';
import { articleHeader, type CaptureLinks } from './article-header.ts';

export interface VersionRow {
  version: number;
  articleId: number;
  fetchedAt: Date | string | null;
  contentHash: string;
  pipelineVersion: string | null;
}

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface VersionsView {
  article: Article;
  links: CaptureLinks;
  versions: VersionRow[];
  /** The diff shown: from `againstId`'s text to the article's. */
  diff: { againstId: number; parts: DiffPart[] } | null;
  note?: string;
}

function diffView(parts: DiffPart[]): SafeHtml {
  const inserted = parts.filter((p) => p.op === 'insert').reduce((n, p) => n + p.text.split(/\s+/).filter(Boolean).length, 0);
  const deleted = parts.filter((p) => p.op === 'delete').reduce((n, p) => n + p.text.split(/\s+/).filter(Boolean).length, 0);
  return html`<p class="diff-summary"><span class="ins-count">+${inserted} words</span> <span class="del-count">−${deleted} words</span></p>
<div class="diff">${parts.map((p) => (p.op === 'equal' ? html`${p.text}` : p.op === 'insert' ? html`<ins>${p.text}</ins>` : html`<del>${p.text}</del>`))}</div>`;
}

export function versionsPage(view: VersionsView): SafeHtml {
  const { article } = view;
  const base = `${UI_PREFIX}/articles/${article.id}`;
  const rows = view.versions.map((v) => {
    const current = v.articleId === article.id;
    const compared = view.diff?.againstId === v.articleId;
    return html`<tr class="${current ? 'current' : compared ? 'compared' : ''}">
  <td>v${v.version}</td>
  <td>${time(v.fetchedAt)}</td>
  <td><code class="hash">${v.contentHash.slice(0, 16)}…</code></td>
  <td><code>${v.pipelineVersion ?? ''}</code></td>
  <td>${current ? html`<strong>this article</strong>` : html`<a href="${UI_PREFIX}/articles/${v.articleId}">#${v.articleId}</a>`}</td>
  <td>${current ? '' : compared ? html`<span class="tag">compared</span>` : html`<a href="${base}/versions?against=${v.articleId}">Compare</a>`}</td>
</tr>`;
  });
  return page({
    title: `Versions: ${article.title || article.url}`,
    signedIn: true,
    body: html`${articleHeader(article, 'versions', view.links)}
<section class="panel wide">
  <h2>Versions of ${article.canonicalUrl}</h2>
  <table class="grid versions"><thead><tr><th>Version</th><th>Fetched</th><th>Content hash</th><th>Pipeline</th><th>Article</th><th></th></tr></thead>
  <tbody>${rows}</tbody></table>
</section>
<section class="panel wide">
  ${view.note ? notice('info', view.note) : ''}
  ${view.diff ? html`<h2>Changes from <a href="${UI_PREFIX}/articles/${view.diff.againstId}">#${view.diff.againstId}</a> to this article</h2>${diffView(view.diff.parts)}` : ''}
</section>`,
  });
}
