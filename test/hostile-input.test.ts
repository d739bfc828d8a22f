/**
 * The hostile-input corpus: every kind of response in support/hostile-server.ts goes through
 * the real queue (the shared Redis, a prefix of the test's own) and the real workers (in this
 * process, the shared Postgres, a schema of the test's own), and each ends with the recorded
 * status and reason the table below expects. Afterwards the workers are still running and
 * archive a normal page. Limits are made small through the fetcher's options so that bombs,
 * slow servers and large pages resolve in seconds; the hostile host names (robots.txt kinds,
 * an IDN host) resolve to 127.0.0.1 through the fetcher's lookup option.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { getSubmission, listEvents, type Submission } from '@vellum/db';
import { createFetcher, type Fetcher } from '@vellum/fetcher';
import { redisConnectionOptions } from '@vellum/queue';
import { submitUrls } from '@vellum/ingest';
import { startWorkers, type WorkersHandle } from '@vellum/worker';
import { mapLookup } from '../packages/fetcher/test/helpers/lookup.ts';
import { queueEnv, waitFor, REDIS_URL, type QueueEnv } from './queue-harness.ts';
import { hostileRoutes, ROBOTS_HOSTS, startHostileServer, type HostileServer } from './support/hostile-server.ts';

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_URL_LENGTH = 2048;
const HOST = 'hostile.test';
/** bücher.test, as the URL parser writes it. */
const IDN_HOST = 'xn--bcher-kva.test';
const FINAL = new Set(['processed', 'failed', 'unchanged']);

type Expected = [status: Submission['status'], reason: RegExp | null];
const failed = (reason: RegExp): Expected => ['failed', reason];
const PROCESSED: Expected = ['processed', null];
const NOT_AN_ARTICLE = failed(/^not-an-article: /);
const UNSUPPORTED = (type: string): Expected => failed(new RegExp(`^unsupported content type: ${type}; the response was captured`));

/** Kind -> [path or absolute URL, expected status, expected reason]. */
const KINDS: Record<string, [string, ...Expected]> = {
  'redirect loop': ['/redirect-loop/a', ...failed(/^redirect-loop: redirect loop: .*redirect-loop\/a was already visited/)],
  'too many redirects': ['/redirect-chain/0', ...failed(/^too-many-redirects: more than 3 redirects/)],
  'redirect without Location': ['/redirect-no-location', ...failed(/^invalid-redirect: .*no Location header/)],
  'redirect to file:': ['/redirect-to-file', ...failed(/^invalid-redirect: .*the file scheme is not fetched/)],
  'redirect to a private address': ['/redirect-to-private', ...failed(/^blocked-destination: refused to connect to 10\.0\.0\.1 \(private range\)/)],
  'redirect to the metadata address': ['/redirect-to-metadata', ...failed(/^blocked-destination: refused to connect to 169\.254\.169\.254 \(linkLocal range\)/)],
  'slowloris headers': ['/slow-headers', ...failed(/^timeout: waiting for the response headers .* took longer than 3000 ms/)],
  'body stalls': ['/slow-body-idle', ...failed(/^timeout: waiting for the next chunk of the body .* took longer than 2000 ms/)],
  'slowloris body (trickle)': ['/slow-body-trickle', ...failed(/^timeout: the whole fetch .* took longer than 6000 ms/)],
  'over the size cap': ['/over-size-cap', ...failed(/^body-too-large: .*exceeds 2097152 bytes/)],
  'gzip bomb': ['/gzip-bomb', ...failed(/^body-too-large: .*exceeds 2097152 bytes \(after decompression\)/)],
  'brotli bomb': ['/brotli-bomb', ...failed(/^body-too-large: .*exceeds 2097152 bytes \(after decompression\)/)],
  'deflate bomb': ['/deflate-bomb', ...failed(/^body-too-large: .*exceeds 2097152 bytes \(after decompression\)/)],
  'truncated gzip': ['/truncated-gzip', ...failed(/^corrupt-content-encoding: the gzip body/)],
  'unknown Content-Encoding': ['/unknown-encoding', ...failed(/^unsupported-content-encoding: .*"x-snappy"/)],
  'Content-Length longer than the body': ['/length-short', ...failed(/^connection-failed: /)],
  // The message ends where Content-Length says (RFC 9112): the first 200 bytes are the page.
  'Content-Length shorter than the body': ['/length-long', ...failed(/^not-an-article: the article Readability found is nothing but links/)],
  'reset mid-body': ['/reset-mid-body', ...failed(/^connection-failed: /)],
  'bad chunk size': ['/chunked-bad-size', ...failed(/^connection-failed: /)],
  'unterminated chunked body': ['/chunked-unterminated', ...failed(/^connection-failed: /)],
  'HTTP/0.9-like garbage': ['/http09-garbage', ...failed(/^connection-failed: /)],
  'invalid header bytes': ['/invalid-header-bytes', ...failed(/^connection-failed: /)],
  'unknown charset': ['/charset-unknown', ...PROCESSED],
  'mislabelled charset': ['/charset-mislabelled', ...PROCESSED],
  'UTF-16 with BOM': ['/utf16-bom', ...PROCESSED],
  'UTF-16 without BOM': ['/utf16-no-bom', ...PROCESSED],
  'NUL bytes': ['/nul-bytes', ...PROCESSED],
  PDF: ['/pdf', ...UNSUPPORTED('application/pdf')],
  image: ['/image', ...UNSUPPORTED('image/png')],
  JSON: ['/json', ...UNSUPPORTED('application/json')],
  'empty 200': ['/empty-200', ...failed(/^empty-body: /)],
  'whitespace page': ['/whitespace', ...NOT_AN_ARTICLE],
  '204 No Content': ['/no-content-204', ...failed(/^empty-body: .*answered HTTP 204 with an empty body/)],
  '401': ['/status-401', ...failed(/^http-4xx: .*answered HTTP 401/)],
  '403': ['/status-403', ...failed(/^http-4xx: .*answered HTTP 403/)],
  '404': ['/status-404', ...failed(/^http-4xx: .*answered HTTP 404/)],
  '410': ['/status-410', ...failed(/^http-4xx: .*answered HTTP 410/)],
  '429 with Retry-After in seconds': ['/status-429-seconds', ...failed(/^rate-limited: .*retry after 3 s/)],
  '429 with Retry-After as an HTTP date': ['/status-429-date', ...failed(/^rate-limited: .*retry after [1-4] s/)],
  '500': ['/status-500', ...failed(/^http-5xx: .*answered HTTP 500/)],
  '503 with Retry-After': ['/status-503-retry-after', ...failed(/^http-5xx: .*answered HTTP 503/)],
  'robots.txt disallow': [`http://${ROBOTS_HOSTS.disallow}:PORT/normal`, ...failed(/^robots-disallowed: .*robots\.txt disallows/)],
  'robots.txt 5xx': [`http://${ROBOTS_HOSTS.error}:PORT/normal`, ...failed(/^robots-unavailable: could not read .*\(HTTP 500\)/)],
  'robots.txt timeout': [`http://${ROBOTS_HOSTS.slow}:PORT/normal`, ...failed(/^robots-unavailable: could not read .*took longer than 3000 ms/)],
  'a few MB of text': ['/few-mb-text', ...PROCESSED],
  '100k nested elements': ['/nested-100k', ...failed(/^invalid-input: the page nests its elements too deeply to read/)],
  'megabyte attribute': ['/mega-attribute', ...PROCESSED],
  '50k links': ['/links-50k', ...NOT_AN_ARTICLE],
  'malformed HTML': ['/malformed-html', ...PROCESSED],
  'login form': ['/login-form', ...NOT_AN_ARTICLE],
  'home page (link list)': ['/home-page', ...NOT_AN_ARTICLE],
  'meta refresh': ['/meta-refresh', ...NOT_AN_ARTICLE],
  'script redirect': ['/js-redirect', ...NOT_AN_ARTICLE],
  'no Content-Type': ['/no-content-type', ...PROCESSED],
  'very long URL (over the limit)': [`/long/${'x'.repeat(MAX_URL_LENGTH)}`, ...failed(/^url-too-long: URL is \d+ characters, over the 2048 limit/)],
  'long URL (under the limit)': [`/long/${'y'.repeat(MAX_URL_LENGTH - 100)}`, ...PROCESSED],
  'IDN host': [`http://bücher.test:PORT/idn`, ...PROCESSED],
};

describe('hostile input through the queue and the workers', () => {
  let q: QueueEnv;
  let server: HostileServer;
  let fetcher: Fetcher;
  let workers: WorkersHandle;
  const ids = new Map<string, number>();
  const url = (target: string) => (target.startsWith('http') ? target.replace('PORT', String(server.port)) : `http://${HOST}:${server.port}${target}`);
  const submit = async (targets: string[]) => {
    const results = await submitUrls({
      db: q.db,
      queues: q.queues,
      urls: targets.map(url),
      submittedBy: 'test',
      source: 'test',
      // Two attempts: a transient kind is retried once, then recorded as failed.
      jobOptions: { attempts: 2, backoff: { type: 'exponential', delay: 100 } },
    });
    return results.map((r) => {
      expect(r.outcome, `${r.url}: ${r.reason}`).toBe('queued');
      return r.submissionId!;
    });
  };
  const settled = (id: number, timeoutMs: number) =>
    waitFor(`submission ${id} final`, async () => {
      const s = await getSubmission(q.db, id);
      return s && FINAL.has(s.status) ? s : undefined;
    }, timeoutMs, 200);

  beforeAll(async () => {
    q = await queueEnv('hostile');
    server = await startHostileServer(hostileRoutes({ maxBodyBytes: MAX_BODY_BYTES }));
    const local = '127.0.0.1';
    fetcher = createFetcher({
      allowCidrs: ['127.0.0.1/32'],
      lookup: mapLookup({ [HOST]: local, [IDN_HOST]: local, [ROBOTS_HOSTS.disallow]: local, [ROBOTS_HOSTS.error]: local, [ROBOTS_HOSTS.slow]: local }),
      perHostDelayMs: 0,
      perHostConcurrency: 32,
      connectTimeoutMs: 1000,
      headersTimeoutMs: 3000,
      bodyIdleTimeoutMs: 2000,
      totalTimeoutMs: 6000,
      maxBodyBytes: MAX_BODY_BYTES,
      maxRedirects: 3,
      maxUrlLength: MAX_URL_LENGTH,
      robotsCacheTtlMs: 0,
    });
    workers = startWorkers({
      connection: redisConnectionOptions(REDIS_URL, { role: 'worker' }),
      prefix: q.prefix,
      db: q.db,
      fetcher,
      concurrency: { fetch: 24, process: 2 },
      logger: pino({ level: 'silent' }),
      actor: 'worker:hostile',
      reconcileIntervalMs: 0,
      // The 50k-link page takes ~2-3 CPU-seconds; on a machine at load 40 that passed the default 30 s.
      processTimeoutMs: 90_000,
    });
    const names = Object.keys(KINDS);
    const submitted = await submit(names.map((k) => KINDS[k]![0]));
    names.forEach((name, i) => ids.set(name, submitted[i]!));
  }, 60_000);

  afterAll(async () => {
    await workers?.close();
    await fetcher?.close();
    await server?.close();
    await q?.cleanup();
  });

  it(`records the expected status and reason for each of ${Object.keys(KINDS).length} kinds`, { timeout: 180_000 }, async () => {
    const outcomes: Record<string, { status: string; reason: string | null }> = {};
    for (const [name, id] of ids) {
      const s = await settled(id, 150_000);
      outcomes[name] = { status: s.status, reason: s.statusReason };
    }
    const mismatches = Object.entries(KINDS).filter(([name, [, status, reason]]) => {
      const got = outcomes[name]!;
      return got.status !== status || (reason === null ? false : !reason.test(got.reason ?? ''));
    });
    expect(
      mismatches.map(([name]) => `${name}: ${outcomes[name]!.status} ${outcomes[name]!.reason ?? ''}`.slice(0, 400)),
    ).toEqual([]);
    expect(Object.keys(KINDS).length).toBeGreaterThanOrEqual(40);
  });

  it('honours Retry-After: the retry is scheduled no sooner than the server asked', { timeout: 90_000 }, async () => {
    for (const [name, atLeastMs] of [
      ['429 with Retry-After in seconds', 3000],
      ['429 with Retry-After as an HTTP date', 2000],
      ['503 with Retry-After', 2000],
    ] as const) {
      const id = ids.get(name)!;
      await settled(id, 60_000);
      const events = await listEvents(q.db, 'submission', id);
      const retry = events.find((e) => e.action === 'retry-scheduled');
      expect(retry, name).toBeDefined();
      const details = retry!.details as { retryAfterMs?: number; notBefore?: string };
      expect(details.retryAfterMs, name).toBeGreaterThanOrEqual(atLeastMs);
      // The second attempt's fetch started no sooner than the recorded time.
      const second = events.filter((e) => e.action === 'fetching')[1]!;
      expect(second.at.getTime(), name).toBeGreaterThanOrEqual(Date.parse(details.notBefore!) - 5);
    }
  });

  it('never follows a meta refresh or runs a script', { timeout: 90_000 }, async () => {
    for (const name of ['meta refresh', 'script redirect']) await settled(ids.get(name)!, 60_000);
    expect(server.hits('/meta-refresh')).toBe(1);
    expect(server.hits('/js-redirect')).toBe(1);
    expect(server.hits('/refresh-target')).toBe(0);
    expect(server.hits('/script-target')).toBe(0);
  });

  it('fetches no page a robots.txt refused or could not be read for', { timeout: 90_000 }, async () => {
    for (const name of ['robots.txt disallow', 'robots.txt 5xx', 'robots.txt timeout']) await settled(ids.get(name)!, 60_000);
    expect(server.hits(`${ROBOTS_HOSTS.disallow}/robots.txt`)).toBeGreaterThan(0);
    expect(server.hits('/normal')).toBe(0);
  });

  it('is still up afterwards and archives a normal page', { timeout: 30_000 }, async () => {
    for (const worker of workers.workers) expect(worker.isRunning()).toBe(true);
    const [id] = await submit(['/after']);
    const s = await settled(id!, 25_000);
    expect(s.status).toBe('processed');
    expect(s.articleId).not.toBeNull();
  });
});
