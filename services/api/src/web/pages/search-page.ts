/** The start page: a search form with filters, then ranked results with snippets (or the latest articles). */
import { html, time, type SafeHtml } from '../html.ts';
import { notice, page } from '../layout.ts';
import { UI_PREFIX } from '../session.ts';

export interface SearchFilters {
  q: string;
  site: string;
  lang: string;
  since: string;
  until: string;
}

export interface ResultItem {
  id: number;
  url: string;
  title: string | null;
  byline: string | null;
  site: string | null;
  lang: string | null;
  publishedAt: Date | string | null;
  fetchedAt: Date | string | null;
  /** Already escaped, with <mark> around the matched words. */
  snippet: SafeHtml | null;
}

export interface SearchView {
  filters: SearchFilters;
  items: ResultItem[];
  /** Link to the next page (keyset cursor), if any. */
  nextHref: string | null;
  /** What the list is: results of the query, or the latest articles when there is none. */
  mode: 'search' | 'latest';
  error?: string;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function result(item: ResultItem): SafeHtml {
  return html`<li class="result">
  <a class="result-title" href="${UI_PREFIX}/articles/${item.id}">${item.title || item.url}</a>
  <div class="result-meta">
    <span class="site">${item.site || hostOf(item.url)}</span>
    ${item.byline ? html`<span>${item.byline}</span>` : ''}
    ${item.lang ? html`<span class="tag">${item.lang}</span>` : ''}
    <span>published ${time(item.publishedAt)}</span>
    <span>fetched ${time(item.fetchedAt)}</span>
  </div>
  ${item.snippet ? html`<p class="snippet">${item.snippet}</p>` : ''}
  <div class="result-url">${item.url}</div>
</li>`;
}

export function searchPage(view: SearchView): SafeHtml {
  const f = view.filters;
  const heading = view.mode === 'search' ? html`Results for “${f.q}”` : html`Latest articles`;
  return page({
    title: view.mode === 'search' ? `Search: ${f.q}` : 'Archive',
    signedIn: true,
    headerSearch: false,
    body: html`<section class="search">
  <form class="search-form" method="get" action="${UI_PREFIX}/" role="search">
    <input class="search-q" type="search" name="q" value="${f.q}" placeholder="Words, “a phrase”, -excluded" aria-label="Search words">
    <div class="filters">
      <label>Site <input name="site" value="${f.site}" placeholder="example.com"></label>
      <label>Language <input name="lang" value="${f.lang}" placeholder="en" size="4"></label>
      <label>Fetched since <input type="date" name="since" value="${f.since}"></label>
      <label>until <input type="date" name="until" value="${f.until}"></label>
      <button type="submit" class="primary">Search</button>
    </div>
  </form>
  ${view.error ? notice('error', view.error) : ''}
  <h1 class="list-heading">${heading}</h1>
  ${view.items.length === 0 && !view.error ? html`<p class="empty">Nothing found.${view.mode === 'search' ? ' Try fewer words or other filters.' : ''}</p>` : ''}
  <ol class="results">${view.items.map(result)}</ol>
  ${view.nextHref ? html`<a class="button" rel="next" href="${view.nextHref}">Next page</a>` : ''}
</section>`,
  });
}
