/** The head of every article tab: title, metadata, links to the raw capture and its WARC, the tabs. */
import type { Article } from '@vellum/db';
import { externalLink, html, time, type SafeHtml } from '../html.ts';
import { UI_PREFIX } from '../session.ts';

export type ArticleTab = 'text' | 'provenance' | 'versions';

export interface CaptureLinks {
  /** The capture has a stored body. */
  raw: boolean;
  /** The capture is an HTTP exchange (a WARC record can be written for it). */
  warc: boolean;
}

export function articleHeader(article: Article, active: ArticleTab, links: CaptureLinks): SafeHtml {
  const base = `${UI_PREFIX}/articles/${article.id}`;
  const tab = (id: ArticleTab, href: string, label: string) =>
    html`<a class="tab${id === active ? ' active' : ''}" href="${href}"${id === active ? html` aria-current="page"` : ''}>${label}</a>`;
  const capture = `${UI_PREFIX}/captures/${article.captureId}`;
  return html`<header class="article-head">
  <div class="kicker">${article.siteName ?? ''}${article.lang ? html` <span class="tag">${article.lang}</span>` : ''}</div>
  <h1 class="article-title">${article.title || article.url}</h1>
  <dl class="facts">
    ${article.authors.length > 0 ? html`<div><dt>Authors</dt><dd>${article.authors.join(', ')}</dd></div>` : ''}
    <div><dt>Published</dt><dd>${article.publishedAt ? time(article.publishedAt) : article.publishedText || '—'}</dd></div>
    <div><dt>URL</dt><dd>${externalLink(article.url)}</dd></div>
    ${article.canonicalUrl !== article.url ? html`<div><dt>Archived as</dt><dd class="url">${article.canonicalUrl}</dd></div>` : ''}
    <div><dt>Content hash</dt><dd><code class="hash">${article.contentHash}</code></dd></div>
    <div><dt>Article</dt><dd>#${article.id} · capture #${article.captureId} · stored ${time(article.createdAt)}</dd></div>
  </dl>
  <div class="downloads">
    ${links.raw ? html`<a class="button" href="${capture}/raw" download>Raw capture</a>` : ''}
    ${links.warc ? html`<a class="button" href="${capture}/warc" download>WARC record</a>` : ''}
  </div>
  <nav class="tabs" aria-label="Article views">
    ${tab('text', base, 'Text and removals')}
    ${tab('provenance', `${base}/provenance`, 'Provenance')}
    ${tab('versions', `${base}/versions`, 'Versions')}
  </nav>
</header>`;
}
