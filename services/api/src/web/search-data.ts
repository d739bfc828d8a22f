/**
 * What the search page and the versions tab read, through the search layer of @vellum/db
 * (searchArticles, listLatestArticles, listArticleVersions) and core's diffWords.
 */
import { diffWords } from '@vellum/core';
import {
  getArticle,
  InvalidFilterError,
  listArticleVersions,
  listLatestArticles,
  searchArticles,
  type Article,
  type ArticleSummary,
  type Queryable,
  type SnippetPart,
} from '@vellum/db';
import { html, type SafeHtml } from './html.ts';
import type { ResultItem, SearchFilters, SearchView } from './pages/search-page.ts';
import type { VersionRow, VersionsView } from './pages/versions-page.ts';
import { UI_PREFIX } from './session.ts';

export interface SearchQuery {
  q?: string;
  site?: string;
  lang?: string;
  since?: string;
  until?: string;
  cursor?: string;
}

/** Results per page. */
export const PAGE_SIZE = 20;

function text(value: unknown, max = 500): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** The snippet's parts, each escaped; only the matches are wrapped in <mark>. */
function snippetHtml(parts: readonly SnippetPart[]): SafeHtml {
  return html`${parts.map((p) => (p.match ? html`<mark>${p.text}</mark>` : html`${p.text}`))}`;
}

function item(a: ArticleSummary, snippet: SafeHtml | null): ResultItem {
  return { id: a.id, url: a.url, title: a.title, byline: a.byline, site: a.siteName ?? a.site, lang: a.lang, publishedAt: a.publishedAt, fetchedAt: a.fetchedAt, snippet };
}

export async function loadSearchView(db: Queryable, query: SearchQuery): Promise<SearchView> {
  const filters: SearchFilters = { q: text(query.q), site: text(query.site, 255), lang: text(query.lang, 35), since: text(query.since, 40), until: text(query.until, 40) };
  const mode = filters.q === '' ? 'latest' : 'search';
  const common = {
    site: filters.site || undefined,
    lang: filters.lang || undefined,
    since: filters.since || undefined,
    until: filters.until || undefined,
    limit: PAGE_SIZE,
    cursor: text(query.cursor, 1000) || undefined,
  };
  let page: { items: ResultItem[]; nextCursor: string | null };
  try {
    if (mode === 'search') {
      const found = await searchArticles(db, { q: filters.q, ...common });
      page = { items: found.items.map((hit) => item(hit, snippetHtml(hit.highlights))), nextCursor: found.nextCursor };
    } else {
      const latest = await listLatestArticles(db, common);
      page = { items: latest.items.map((a) => item(a, null)), nextCursor: latest.nextCursor };
    }
  } catch (error) {
    // A bad date, cursor or filter is the reader's to fix: say which and how.
    if (error instanceof InvalidFilterError) return { filters, items: [], nextHref: null, mode, error: error.message };
    throw error;
  }
  let nextHref: string | null = null;
  if (page.nextCursor) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
    params.set('cursor', page.nextCursor);
    nextHref = `${UI_PREFIX}/?${params.toString()}`;
  }
  return { filters, items: page.items, nextHref, mode };
}

/**
 * The versions of the article's URL and the diff shown: from `against` (default: the version
 * before the article's own, else the next one) to the article.
 */
export async function loadVersionsView(
  db: Queryable,
  article: Article,
  against: number | undefined,
): Promise<Omit<VersionsView, 'article' | 'links'> | { error: string }> {
  const versions: VersionRow[] = (await listArticleVersions(db, article.id)).map((v) => ({
    version: v.version,
    articleId: v.articleId,
    fetchedAt: v.firstFetchedAt,
    contentHash: v.contentHash,
    pipelineVersion: v.pipelineVersion,
  }));
  const own = versions.findIndex((v) => v.articleId === article.id || v.contentHash === article.contentHash);
  let otherId = against;
  if (otherId === undefined) {
    const neighbour = own > 0 ? versions[own - 1] : own >= 0 ? versions[own + 1] : undefined;
    otherId = neighbour?.articleId;
  }
  if (otherId === undefined) return { versions, diff: null, note: 'This is the only version of this URL in the archive: there is nothing to compare it with.' };
  if (otherId === article.id) return { versions, diff: null, note: 'Choose another version to compare this article with.' };
  const other = await getArticle(db, otherId);
  if (other === null) return { error: `Article ${otherId} does not exist.` };
  return { versions, diff: { againstId: otherId, parts: diffWords(other.text, article.text) } };
}
