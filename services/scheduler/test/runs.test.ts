/**
 * Runs of a schedule against a local site, on the real Postgres and Redis: what each kind of
 * source submits, what a second run submits, what an unchanged feed costs, and how a broken
 * feed is recorded. Runs are started directly (runSchedule) so each test controls when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSubmissions } from '@vellum/db';
import { createFetcher } from '@vellum/fetcher';
import { addSchedule, runSchedule, showSchedule, submitterFor, type AddScheduleInput, type ScheduleRun } from '../src/index.ts';
import { openTestEnv, type TestEnv } from './helpers/env.ts';
import { rssFeed, sitemap, TestSite } from './helpers/test-site.ts';

let env: TestEnv;
let site: TestSite;
let runCounter = 0;

beforeAll(async () => {
  env = await openTestEnv('runs');
  site = await new TestSite().start();
});

afterAll(async () => {
  await site?.stop();
  await env?.dispose();
});

async function schedule(input: Omit<AddScheduleInput, 'every'>): Promise<number> {
  const change = await addSchedule({ db: env.db }, { every: '1h', ...input });
  return change.schedule.id;
}

async function run(scheduleId: number): Promise<ScheduleRun> {
  runCounter += 1;
  const deps = { db: env.db, fetcher: env.fetcher, submitFor: submitterFor(env.db, env.queues) };
  const result = await runSchedule(deps, { scheduleId, runKey: `test-run-${runCounter}`, trigger: 'manual' });
  if (!result) throw new Error('run did not happen');
  return result;
}

async function submittedUrls(scheduleId: number): Promise<string[]> {
  const all = await listSubmissions(env.db, { limit: 1000 });
  return all.filter((s) => s.submittedBy === `schedule:${scheduleId}`).map((s) => s.url).sort();
}

describe('feeds', () => {
  it('submits every item of an RSS feed with the schedule as submitter, and enqueues their fetch jobs', async () => {
    site.set('/rss.xml', { body: rssFeed([{ path: '/rss/a', title: 'A' }, { path: '/rss/b', title: 'B' }], site.origin), contentType: 'application/rss+xml' });
    const id = await schedule({ url: site.url('/rss.xml'), name: 'rss', kind: 'feed' });
    const result = await run(id);
    expect(result).toMatchObject({ status: 'succeeded', found: 2, new: 2, skipped: 0, failed: 0, reason: null });
    expect(await submittedUrls(id)).toEqual([site.url('/rss/a'), site.url('/rss/b')]);
    const submissions = (await listSubmissions(env.db, { limit: 1000 })).filter((s) => s.submittedBy === `schedule:${id}`);
    expect(submissions.every((s) => s.source === 'schedule' && s.status === 'queued')).toBe(true);
    for (const s of submissions) expect(await env.queues.fetch.getJob(`fetch-${s.id}`)).toBeDefined();
  });

  it('reads Atom and JSON Feed sources the same way', async () => {
    site.set('/atom.xml', {
      body: `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><link href="/atom/1"/><updated>2024-01-01T00:00:00Z</updated></entry></feed>`,
      contentType: 'application/atom+xml',
    });
    site.set('/feed.json', {
      body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: '1', url: site.url('/json/1') }] }),
      contentType: 'application/feed+json',
    });
    const atom = await schedule({ url: site.url('/atom.xml') });
    const json = await schedule({ url: site.url('/feed.json') });
    expect(await run(atom)).toMatchObject({ status: 'succeeded', found: 1, new: 1 });
    expect(await run(json)).toMatchObject({ status: 'succeeded', found: 1, new: 1 });
    expect(await submittedUrls(atom)).toEqual([site.url('/atom/1')]);
    expect(await submittedUrls(json)).toEqual([site.url('/json/1')]);
  });

  it('a second run submits only the new entries; an unchanged feed costs a 304', async () => {
    const items = [{ path: '/second/1', title: 'One' }, { path: '/second/2', title: 'Two' }];
    site.set('/second.xml', { body: rssFeed(items, site.origin), contentType: 'application/rss+xml' });
    const id = await schedule({ url: site.url('/second.xml') });
    expect(await run(id)).toMatchObject({ status: 'succeeded', found: 2, new: 2, skipped: 0 });

    site.set('/second.xml', { body: rssFeed([{ path: '/second/3', title: 'Three' }, ...items], site.origin), contentType: 'application/rss+xml' });
    expect(await run(id)).toMatchObject({ status: 'succeeded', found: 3, new: 1, skipped: 2 });
    expect(await submittedUrls(id)).toEqual([site.url('/second/1'), site.url('/second/2'), site.url('/second/3')]);

    const third = await run(id);
    expect(third).toMatchObject({ status: 'unchanged', found: 0, new: 0, skipped: 0, failed: 0 });
    expect(third.documents).toEqual([{ url: site.url('/second.xml'), role: 'source', outcome: 'unchanged', kind: 'rss', httpStatus: 304 }]);
    const hits = site.hitsOf('/second.xml');
    expect(hits.map((h) => h.status)).toEqual([200, 200, 304]);
    expect(hits[0]!.ifNoneMatch).toBeNull();
    expect(hits[2]!.ifNoneMatch).not.toBeNull();
  });

  it('a malformed feed is a failed run with the reason; the next run, with the feed fixed, succeeds', async () => {
    site.set('/flaky.xml', { body: '<rss version="2.0"><channel><item><link>x</link></channel></rss>', contentType: 'application/rss+xml' });
    const id = await schedule({ url: site.url('/flaky.xml') });
    const failed = await run(id);
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(new RegExp(`^${site.url('/flaky.xml')}: RSS feed is not well-formed XML \\(line 1, column \\d+\\)`));
    expect(failed).toMatchObject({ found: 0, new: 0 });

    site.set('/flaky.xml', { body: rssFeed([{ path: '/flaky/1', title: 'Fixed' }], site.origin), contentType: 'application/rss+xml' });
    expect(await run(id)).toMatchObject({ status: 'succeeded', found: 1, new: 1, reason: null });
    const details = await showSchedule({ db: env.db }, id);
    expect(details.runs.map((r) => r.status)).toEqual(['succeeded', 'failed']);
  });

  it('an unreachable feed is a failed run whose reason names the HTTP status', async () => {
    const id = await schedule({ url: site.url('/missing.xml') });
    const result = await run(id);
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('answered HTTP 404');
  });

  it('a feed on a loopback address is refused by the fetcher guard when not allow-listed, and the run says so', async () => {
    site.set('/guarded.xml', { body: rssFeed([{ path: '/g/1', title: 'G' }], site.origin), contentType: 'application/rss+xml' });
    const id = await schedule({ url: site.url('/guarded.xml') });
    const guarded = createFetcher({ perHostDelayMs: 0 });
    try {
      const result = await runSchedule(
        { db: env.db, fetcher: guarded, submitFor: submitterFor(env.db, env.queues) },
        { scheduleId: id, runKey: 'test-run-guarded', trigger: 'manual' },
      );
      expect(result).toMatchObject({ status: 'failed', found: 0, new: 0 });
      expect(result!.reason).toMatch(/^refused to connect to 127\.0\.0\.1 \(loopback range\)/);
      expect(site.hitsOf('/guarded.xml')).toEqual([]);
    } finally {
      await guarded.close();
    }
  });

  it('a feed schedule whose URL serves an HTML page fails with what was expected', async () => {
    site.set('/not-a-feed', { body: '<!doctype html><title>x</title><p>hello</p>', contentType: 'text/html' });
    const id = await schedule({ url: site.url('/not-a-feed'), kind: 'feed' });
    const result = await run(id);
    expect(result).toMatchObject({ status: 'failed', reason: `expected a feed (RSS, Atom or JSON Feed) at ${site.url('/not-a-feed')}, got an HTML page` });
  });
});

describe('sitemaps', () => {
  it('follows a sitemap index to its two sitemaps (one a news sitemap) and submits both sets', async () => {
    site.set('/sm/index.xml', {
      body: `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>${site.url('/sm/a.xml')}</loc></sitemap><sitemap><loc>${site.url('/sm/news.xml')}</loc></sitemap></sitemapindex>`,
      contentType: 'application/xml',
    });
    site.set('/sm/a.xml', { body: sitemap(['/sm/page-1', '/sm/page-2'], site.origin), contentType: 'application/xml' });
    site.set('/sm/news.xml', {
      body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>${site.url('/sm/news-1')}</loc><news:news><news:publication><news:name>T</news:name><news:language>en</news:language></news:publication>
        <news:publication_date>2024-06-01T10:00:00Z</news:publication_date><news:title>News one</news:title></news:news></url>
        <url><loc>${site.url('/sm/page-1')}</loc></url></urlset>`,
      contentType: 'text/xml',
    });
    const id = await schedule({ url: site.url('/sm/index.xml'), kind: 'sitemap' });
    const result = await run(id);
    expect(result).toMatchObject({ status: 'succeeded', found: 3, new: 3, failed: 0 });
    expect(result.documents.map((d) => [d.role, d.kind, d.entries])).toEqual([
      ['source', 'sitemap-index', 0],
      ['child-sitemap', 'sitemap', 2],
      ['child-sitemap', 'sitemap', 2],
    ]);
    expect(await submittedUrls(id)).toEqual([site.url('/sm/news-1'), site.url('/sm/page-1'), site.url('/sm/page-2')]);

    // Next run: the index is unchanged (304) but its children are still checked, one changed.
    site.set('/sm/a.xml', { body: sitemap(['/sm/page-1', '/sm/page-2', '/sm/page-3'], site.origin), contentType: 'application/xml' });
    const second = await run(id);
    expect(second).toMatchObject({ status: 'succeeded', found: 3, new: 1, skipped: 2 });
    expect(second.documents.map((d) => [d.role, d.outcome])).toEqual([
      ['source', 'unchanged'],
      ['child-sitemap', 'fetched'],
      ['child-sitemap', 'unchanged'],
    ]);
  });

  it('records a child sitemap that fails and still submits the other', async () => {
    site.set('/sm2/index.xml', {
      body: `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${site.url('/sm2/gone.xml')}</loc></sitemap>
        <sitemap><loc>${site.url('/sm2/ok.xml')}</loc></sitemap></sitemapindex>`,
      contentType: 'application/xml',
    });
    site.set('/sm2/ok.xml', { body: sitemap(['/sm2/x'], site.origin), contentType: 'application/xml' });
    const id = await schedule({ url: site.url('/sm2/index.xml') });
    const result = await run(id);
    expect(result).toMatchObject({ status: 'succeeded', found: 1, new: 1, failed: 1 });
    expect(result.reason).toMatch(/^1 of 2 documents failed; first: .*gone\.xml answered HTTP 404/);
  });
});

describe('discovery from a site URL', () => {
  it('follows the feed a home page links with <link rel="alternate">', async () => {
    const other = await new TestSite().start();
    try {
      other.set('/', {
        body: `<!doctype html><html><head><title>Home</title>
          <link rel="alternate" type="application/rss+xml" title="All" href="/feeds/all.xml">
          <link rel="alternate" type="application/rss+xml" title="Comments" href="/feeds/comments.xml"></head><body>Hi</body></html>`,
        contentType: 'text/html; charset=utf-8',
      });
      other.set('/feeds/all.xml', { body: rssFeed([{ path: '/story/1', title: 'S1' }, { path: '/story/2', title: 'S2' }], other.origin), contentType: 'application/rss+xml' });
      const id = await schedule({ url: other.url('/'), kind: 'site' });
      const result = await run(id);
      expect(result).toMatchObject({ status: 'succeeded', found: 2, new: 2 });
      expect(result.documents.map((d) => [d.role, d.kind, d.url])).toEqual([
        ['source', 'html', other.url('/')],
        ['discovered-feed', 'rss', other.url('/feeds/all.xml')],
      ]);
      expect(other.hitsOf('/feeds/comments.xml')).toEqual([]);
      expect(await submittedUrls(id)).toEqual([other.url('/story/1'), other.url('/story/2')]);
    } finally {
      await other.stop();
    }
  });

  it('falls back to the sitemaps robots.txt lists when the page links no feed', async () => {
    const other = await new TestSite().start();
    try {
      other.set('/', { body: '<!doctype html><html><head><title>No feeds</title></head><body>Hi</body></html>', contentType: 'text/html' });
      other.set('/robots.txt', { body: `User-agent: *\nDisallow: /private/\n\nSitemap: ${other.url('/sitemap.xml')}\n`, contentType: 'text/plain' });
      other.set('/sitemap.xml', { body: sitemap(['/a', '/b', '/private/c'], other.origin), contentType: 'application/xml' });
      const id = await schedule({ url: other.url('/') });
      const result = await run(id);
      expect(result).toMatchObject({ status: 'succeeded', found: 3, new: 3 });
      expect(result.documents.map((d) => [d.role, d.kind])).toEqual([
        ['source', 'html'],
        ['robots', 'robots'],
        ['robots-sitemap', 'sitemap'],
      ]);
      // Submitted all three: whether /private/c may be fetched is the fetch worker's robots check.
      expect(await submittedUrls(id)).toEqual([other.url('/a'), other.url('/b'), other.url('/private/c')]);
    } finally {
      await other.stop();
    }
  });

  it('fails with a clear reason when a site has neither', async () => {
    const other = await new TestSite().start();
    try {
      other.set('/', { body: '<!doctype html><html><head><title>Bare</title></head><body>Hi</body></html>', contentType: 'text/html' });
      const id = await schedule({ url: other.url('/') });
      const result = await run(id);
      expect(result.status).toBe('failed');
      expect(result.reason).toBe(
        `no feeds or sitemaps found for ${other.url('/')}: the page links no feed (<link rel="alternate">) and ${other.url('/robots.txt')} lists no Sitemap`,
      );
    } finally {
      await other.stop();
    }
  });
});
