/**
 * The fetch-and-follow phase of a run. Starting from the schedule's URL it reads feeds and
 * sitemaps, follows sitemap indexes to their children, and, for a site's home page, follows the
 * feeds the page links to or else the sitemaps its robots.txt lists. Every document visited is
 * recorded with its outcome; a document that fails is recorded and the crawl goes on.
 */
import { VellumError } from '@vellum/core';
import type { Database, RunDocument, Schedule } from '@vellum/db';
import type { Fetcher } from '@vellum/fetcher';
import { discoverFeedLinks } from '../discover/feed-links.ts';
import { robotsTxtUrl, sitemapsFromRobotsTxt } from '../discover/robots-sitemaps.ts';
import { decodeBody } from '../parse/decode-body.ts';
import { parseSource } from '../parse/parse-source.ts';
import type { ParsedSource, SourceKind } from '../parse/source-types.ts';
import { fetchDocument, rememberDocument } from './fetch-document.ts';
import { checkExpectedKind } from './expected-kind.ts';
import type { ResolvedRunLimits } from './run-limits.ts';
import { submitEntries, type SubmitFn, type SubmitState } from './submit-entries.ts';

export interface CrawlDeps {
  db: Database;
  fetcher: Fetcher;
  submit: SubmitFn;
  limits: ResolvedRunLimits;
}

export interface CrawlState extends SubmitState {
  schedule: Schedule;
  documents: RunDocument[];
  /** Document URLs fetched this run: a sitemap listed twice, or a loop, is read once. */
  visited: Set<string>;
  /** Why the run as a whole failed (the source itself, or a site with nothing to follow). */
  failure: string | null;
}

type Role = RunDocument['role'];
type DocumentKind = SourceKind | 'robots';

const REJECTED_SAMPLE = 5;

export async function crawl(deps: CrawlDeps, state: CrawlState): Promise<void> {
  await visit(deps, state, state.schedule.sourceUrl, 'source', 0);
}

async function visit(deps: CrawlDeps, state: CrawlState, url: string, role: Role, indexDepth: number): Promise<void> {
  if (state.visited.has(url)) return;
  if (state.visited.size >= deps.limits.maxDocuments) {
    fail(state, url, role, `not fetched: the run reached its cap of ${deps.limits.maxDocuments} documents`);
    return;
  }
  state.visited.add(url);

  let doc;
  try {
    doc = await fetchDocument(deps.db, deps.fetcher, state.schedule.id, url);
  } catch (error) {
    if (!(error instanceof VellumError)) throw error;
    fail(state, url, role, error.message);
    return;
  }
  if (doc.outcome === 'unchanged') {
    const kind = (doc.state.kind ?? 'rss') as DocumentKind;
    state.documents.push({ url, role, outcome: 'unchanged', kind, httpStatus: doc.httpStatus });
    await follow(deps, state, url, kind, doc.state.links, indexDepth);
    return;
  }

  const { capture } = doc;
  if (role === 'robots') {
    const text = decodeBody(capture.body, 'text/plain; charset=utf-8');
    const sitemaps = sitemapsFromRobotsTxt(text, capture.finalUrl);
    state.documents.push({ url, role, outcome: 'fetched', kind: 'robots', httpStatus: doc.httpStatus, entries: sitemaps.length });
    await rememberDocument(deps.db, state.schedule.id, url, capture, 'robots', sitemaps);
    await follow(deps, state, url, 'robots', sitemaps, indexDepth);
    return;
  }

  let parsed: ParsedSource;
  try {
    parsed = parseSource(
      { body: capture.body, url: capture.finalUrl, contentType: capture.contentType ?? undefined },
      { maxEntries: deps.limits.maxEntriesPerDocument, maxDecodedBytes: deps.limits.maxDecodedBytes },
    );
    checkExpectedKind(url, role, state.schedule.kind, parsed.kind);
  } catch (error) {
    fail(state, url, role, withUrl(url, (error as Error).message));
    return;
  }

  const record: RunDocument = {
    url,
    role,
    outcome: 'fetched',
    kind: parsed.kind,
    httpStatus: doc.httpStatus,
    entries: parsed.entries.length,
    rejected: parsed.rejected.length,
  };
  if (parsed.rejected.length > 0) {
    record.reason = parsed.rejected
      .slice(0, REJECTED_SAMPLE)
      .map((r) => `${r.value || '(no link)'}: ${r.reason}`)
      .join('; ');
  }
  state.documents.push(record);
  state.counts.failed += parsed.rejected.length;

  const links = linksOf(deps, parsed, capture.body, capture.contentType, capture.finalUrl);
  await submitEntries(deps.db, deps.submit, state, parsed.entries);
  // Remembered only once its entries are submitted: a run that dies before this point fetches
  // the document in full next time instead of getting a 304 for entries it never handled.
  await rememberDocument(deps.db, state.schedule.id, url, capture, parsed.kind, links);
  await follow(deps, state, url, parsed.kind, links, indexDepth);
}

function linksOf(
  deps: CrawlDeps,
  parsed: ParsedSource,
  body: Uint8Array,
  contentType: string | null,
  finalUrl: string,
): string[] {
  if (parsed.kind === 'sitemap-index') return parsed.childSitemaps ?? [];
  if (parsed.kind === 'html') {
    const html = decodeBody(body, contentType ?? undefined, deps.limits.maxDecodedBytes);
    return discoverFeedLinks(html, finalUrl)
      .slice(0, deps.limits.maxDiscoveredFeeds)
      .map((feed) => feed.url);
  }
  return [];
}

/** Follows what a document pointed to (freshly parsed, or remembered when it was unchanged). */
async function follow(
  deps: CrawlDeps,
  state: CrawlState,
  url: string,
  kind: DocumentKind,
  links: string[],
  indexDepth: number,
): Promise<void> {
  switch (kind) {
    case 'sitemap-index':
      for (const child of links) {
        if (indexDepth + 1 > deps.limits.maxIndexDepth) {
          fail(state, child, 'child-sitemap', `not fetched: sitemap indexes nested deeper than ${deps.limits.maxIndexDepth}`);
        } else {
          await visit(deps, state, child, 'child-sitemap', indexDepth + 1);
        }
      }
      return;
    case 'html':
      if (links.length > 0) {
        for (const feed of links) await visit(deps, state, feed, 'discovered-feed', indexDepth);
        return;
      }
      await visitRobots(deps, state, url);
      return;
    case 'robots':
      if (links.length === 0) {
        state.failure ??= `no feeds or sitemaps found for ${state.schedule.sourceUrl}: the page links no feed (<link rel="alternate">) and ${url} lists no Sitemap`;
        return;
      }
      for (const sitemap of links) await visit(deps, state, sitemap, 'robots-sitemap', indexDepth);
      return;
    default:
      return;
  }
}

async function visitRobots(deps: CrawlDeps, state: CrawlState, pageUrl: string): Promise<void> {
  const url = robotsTxtUrl(pageUrl);
  const before = state.documents.length;
  await visit(deps, state, url, 'robots', 0);
  const robotsDoc = state.documents[before];
  if (robotsDoc?.outcome === 'failed') {
    state.failure ??= `no feeds or sitemaps found for ${state.schedule.sourceUrl}: the page links no feed (<link rel="alternate">) and robots.txt could not be read (${robotsDoc.reason})`;
  }
}

function fail(state: CrawlState, url: string, role: Role, reason: string): void {
  state.documents.push({ url, role, outcome: 'failed', reason });
  if (role === 'source') state.failure ??= reason;
  else if (role !== 'robots') state.counts.failed += 1;
}

function withUrl(url: string, message: string): string {
  return message.includes(url) ? message : `${url}: ${message}`;
}
