import { UnsupportedSourceError } from '../parse/errors.ts';
import type { SourceKind } from '../parse/source-types.ts';
import type { RunDocument, ScheduleKind } from '@vellum/db';

const FEEDS: readonly SourceKind[] = ['rss', 'atom', 'json-feed'];
const SITEMAPS: readonly SourceKind[] = ['sitemap', 'sitemap-index'];

const DESCRIPTION: Record<SourceKind, string> = {
  rss: 'an RSS feed',
  atom: 'an Atom feed',
  'json-feed': 'a JSON Feed',
  sitemap: 'a sitemap',
  'sitemap-index': 'a sitemap index',
  html: 'an HTML page',
};

/**
 * Checks that a document is what its place in the run calls for: the schedule's declared kind
 * for the source, a feed for a feed a page linked to, no HTML page where a sitemap should be
 * (a feed there is accepted: robots.txt `Sitemap:` lines may point at RSS).
 */
export function checkExpectedKind(url: string, role: RunDocument['role'], scheduleKind: ScheduleKind, actual: SourceKind): void {
  let allowed: readonly SourceKind[] | undefined;
  let wanted = '';
  if (role === 'source') {
    if (scheduleKind === 'feed') [allowed, wanted] = [FEEDS, 'a feed (RSS, Atom or JSON Feed)'];
    else if (scheduleKind === 'sitemap') [allowed, wanted] = [SITEMAPS, 'a sitemap or sitemap index'];
    else if (scheduleKind === 'site') [allowed, wanted] = [['html'], 'an HTML home page'];
  } else if (role === 'discovered-feed') {
    [allowed, wanted] = [FEEDS, 'a feed (RSS, Atom or JSON Feed)'];
  } else {
    [allowed, wanted] = [[...SITEMAPS, ...FEEDS], 'a sitemap'];
  }
  if (allowed && !allowed.includes(actual)) {
    throw new UnsupportedSourceError(`expected ${wanted} at ${url}, got ${DESCRIPTION[actual]}`);
  }
}
