/**
 * The web UI (issue 13 item 4) in a real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core; no browser download): log in, search, open an article, see each removal
 * highlighted in place with its rule, the provenance, the versions tab with its diff, the raw
 * capture and the WARC record; an article whose text holds `<script>` shows it as text and runs
 * nothing; every answer carries the CSP; no session means the login page. The articles are
 * fetched from a local server through the real pipeline (ingestOne), so the removals are real.
 * A screenshot of each page goes to test-results/ (gitignored).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '@vellum/api';
import { createFetcher, readWarc, type Fetcher, type WarcEntry } from '@vellum/fetcher';
import { ingestOne } from '@vellum/ingest';
import { queueEnv, type QueueEnv } from './queue-harness.ts';
import { REPO_ROOT } from './support/run-vellum.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const TOKEN = 'web-ui-token-0123456789abcdef';
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(REPO_ROOT, 'test-results');
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/web-ui');
// Generous: on a loaded machine the first article view waits for the pipeline thread to load.
const STEP_MS = 120_000;

describe('web UI in headless Chromium', { timeout: 4 * STEP_MS }, () => {
  let q: QueueEnv;
  let server: TestServer;
  let fetcher: Fetcher;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pages: Record<string, Buffer> = {};
  let bridgeVersion = 1;
  const ids: Record<string, number> = {};

  async function ingest(url: string): Promise<number> {
    const outcome = await ingestOne({ db: q.db, fetcher, actor: 'web-ui-test' }, { kind: 'url', url }, { submittedBy: 'web-ui-tester' });
    expect(outcome.status, outcome.reason ?? '').toBe('stored');
    return outcome.articleId!;
  }

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `web-ui-${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    for (const name of ['harbour-bridge-v1', 'script-in-text']) pages[name] = await fs.readFile(path.join(FIXTURES, `${name}.html`));
    // The page as edited later: three changes of words, the noise around them the same.
    pages['harbour-bridge-v2'] = Buffer.from(
      pages['harbour-bridge-v1']!
        .toString('utf8')
        .replace('two years of repairs that', 'two years and three months of repairs that')
        .replace('310 million crowns, twelve percent', '318 million crowns, fifteen percent')
        .replace('<p>Residents lined', '<p>Hundreds of residents lined'),
    );
    server = await startTestServer({
      // A redirect first, so the provenance has a chain to show.
      '/go/harbour-bridge': (_req, res) => void res.writeHead(301, { location: '/news/harbour-bridge' }).end(),
      '/news/harbour-bridge': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[`harbour-bridge-v${bridgeVersion}`]),
      '/news/forum-script': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages['script-in-text']),
    });
    q = await queueEnv('webui');
    fetcher = createFetcher({ allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0 });
    ids.v1 = await ingest(server.url('/go/harbour-bridge'));
    bridgeVersion = 2;
    ids.v2 = await ingest(server.url('/go/harbour-bridge'));
    ids.script = await ingest(server.url('/news/forum-script'));
    app = await buildApi({ db: q.db, queues: q.queues, token: TOKEN, jobEvents: false, logger: pino({ level: 'silent' }) });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    await fs.mkdir(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.setDefaultNavigationTimeout(STEP_MS);
  }, 4 * STEP_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await fetcher?.close();
    await server?.close();
    await q?.cleanup();
  });

  it('sends a visitor without a session to the login page, and refuses a wrong token', async () => {
    const response = await page.goto(`${base}/ui/articles/${ids.v2}`);
    expect(new URL(page.url()).pathname).toBe('/ui/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/ui/articles/${ids.v2}`);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'none'");
    await shot('login');
    await page.fill('#token', 'not-the-token-at-all-0000');
    await page.click('button[type=submit]');
    await expect(page.locator('.notice-error').textContent()).resolves.toMatch(/matches no live token/);
    expect(await context.cookies()).toEqual([]);
    // The root of the server leads to the UI.
    expect((await app.inject({ method: 'GET', url: '/' })).headers.location).toBe('/ui/');
  });

  it('logs in with the token: an HttpOnly, SameSite=Strict session cookie, then the page asked for', async () => {
    await page.goto(`${base}/ui/articles/${ids.v2}`);
    await page.fill('#token', TOKEN);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/ui/articles/${ids.v2}`);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'vellum_session', httpOnly: true, sameSite: 'Strict', path: '/ui', secure: false });
    // A login posted from another site is refused, whatever the token.
    const forged = await app.inject({
      method: 'POST',
      url: '/ui/login',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${TOKEN}`,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['set-cookie']).toBeUndefined();
  });

  it('searches, with highlighted snippets, and opens the article', async () => {
    await page.goto(`${base}/ui/`);
    await shot('latest');
    await page.fill('.search-q', 'harbour ferries');
    await page.click('.search-form button[type=submit]');
    await page.waitForURL(/\/ui\/\?q=/);
    const results = page.locator('.result');
    await expect(results.count()).resolves.toBeGreaterThanOrEqual(1);
    const first = results.first();
    await expect(first.locator('.result-title').textContent()).resolves.toBe('Harbour bridge reopens after two years of repairs');
    await expect(first.locator('.snippet mark').count()).resolves.toBeGreaterThan(0);
    await shot('search');
    await first.locator('.result-title').click();
    await page.waitForURL(/\/ui\/articles\/\d+$/);
  });

  it('shows the text with every removal in place, highlighted, with its rule', async () => {
    const response = await page.goto(`${base}/ui/articles/${ids.v1}`);
    expect(response!.status()).toBe(200);
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const removals = page.locator('.article-text .removal');
    const stored = (await app.inject({ method: 'GET', url: `/v1/articles/${ids.v1}`, headers: { authorization: `Bearer ${TOKEN}` } })).json().article;
    expect(stored.removed.length).toBeGreaterThanOrEqual(4);
    // Every recorded removal is on the page, in order, with the rule that made it.
    const shown = await removals.evaluateAll((els) => els.map((e) => ({ rule: e.getAttribute('data-rule'), text: e.querySelector('del')!.textContent })));
    expect(shown).toEqual(stored.removed.map((r: { rule: string; text: string }) => ({ rule: r.rule, text: r.text })));
    // A whole removed block stands where it was: between the paragraphs around it.
    const ad = page.locator('.removal[data-rule="ad-label"]');
    await expect(ad.locator('.rule').textContent()).resolves.toBe('ad-label');
    await expect(ad.locator('del').textContent()).resolves.toBe('Advertisement');
    const background = await ad.evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    const order = await page.locator('.article-text .block').evaluateAll((els) => els.map((e) => e.textContent!));
    expect(order.indexOf('ad-labelAdvertisement')).toBe(order.findIndex((t) => t.startsWith('The harbour bridge')) + 1);
    // A cut inside a kept paragraph is highlighted inside it, after the kept words.
    const glued = page.locator('.block', { has: page.locator('.removal[data-rule="share-prompt"]') });
    await expect(glued.textContent()).resolves.toMatch(/^The repairs cost 310 million crowns.*arrived late\. share-promptFollow us on Twitter/);
    await shot('article');
  });

  it('shows the provenance: capture, redirect chain, stage versions, submitter, events', async () => {
    await page.goto(`${base}/ui/articles/${ids.v1}`);
    await page.click('a.tab:has-text("Provenance")');
    await page.waitForURL(/\/provenance$/);
    const body = await page.locator('main').textContent();
    expect(body).toContain(server.url('/go/harbour-bridge'));
    expect(body).toContain('web-ui-tester');
    for (const stage of ['decode', 'extract', 'clean', 'normalize', 'readability']) expect(body).toContain(stage);
    const hop = page.locator('.panel:has(h2:text("Redirect chain")) tbody tr').first();
    await expect(hop.locator('td').nth(1).textContent()).resolves.toBe('301');
    const actions = await page.locator('.events .tag').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['submitted', 'captured', 'stored', 'processed']));
    await shot('provenance');
  });

  it('shows the versions and a word diff against the previous version', async () => {
    await page.goto(`${base}/ui/articles/${ids.v2}`);
    await page.click('a.tab:has-text("Versions")');
    await page.waitForURL(/\/versions$/);
    await expect(page.locator('table.versions tbody tr').count()).resolves.toBe(2);
    const inserted = await page.locator('.diff ins').allTextContents();
    const deleted = await page.locator('.diff del').allTextContents();
    expect(inserted.join(' ')).toContain('three months');
    expect(inserted.join(' ')).toContain('318');
    expect(deleted.join(' ')).toContain('310');
    await shot('versions');
  });

  it('serves the raw capture as a download and its WARC record', async () => {
    const article = (await app.inject({ method: 'GET', url: `/v1/articles/${ids.v1}`, headers: { authorization: `Bearer ${TOKEN}` } })).json().article;
    await page.goto(`${base}/ui/articles/${ids.v1}`);
    const rawHref = await page.locator('a.button:has-text("Raw capture")').getAttribute('href');
    const raw = await page.request.get(`${base}${rawHref}`);
    expect(raw.status()).toBe(200);
    expect(raw.headers()['content-type']).toBe('application/octet-stream');
    expect(raw.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(raw.headers()['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(await raw.body(), pages['harbour-bridge-v1']!)).toBe(0);
    const warcHref = await page.locator('a.button:has-text("WARC record")').getAttribute('href');
    const warc = await page.request.get(`${base}${warcHref}`);
    expect(warc.status()).toBe(200);
    const entries: WarcEntry[] = [];
    for await (const entry of readWarc([await warc.body()])) entries.push(entry);
    const responses = entries.filter((e) => e.type === 'response');
    expect(responses.map((r) => r.targetUri)).toEqual([server.url('/go/harbour-bridge'), server.url('/news/harbour-bridge')]);
    expect(Buffer.compare(Buffer.from(responses[1]!.payload), pages['harbour-bridge-v1']!)).toBe(0);
    expect(article.captureId).toBe(Number(warcHref!.split('/')[3]));
    // Without a session, neither is served.
    expect((await app.inject({ method: 'GET', url: rawHref! })).statusCode).toBe(303);
  });

  it('shows `<script>` in an article as text and runs nothing', async () => {
    await page.goto(`${base}/ui/articles/${ids.script}`);
    await expect(page.locator('.article-title').textContent()).resolves.toContain('<script>');
    await expect(page.locator('.article-text').textContent()).resolves.toContain('<script>window.__vellumInjected = true; document.title = "owned"</script>');
    expect(await page.evaluate(() => (window as unknown as { __vellumInjected?: boolean }).__vellumInjected)).toBeUndefined();
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
    expect(await page.title()).not.toBe('owned');
    await shot('script-as-text');
    // Searching for it shows the snippet as text too.
    await page.goto(`${base}/ui/?q=${encodeURIComponent('forum script')}`);
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __vellumInjected?: boolean }).__vellumInjected)).toBeUndefined();
  });

  it('logs out: the cookie is gone and the pages lead to the login again', async () => {
    await page.goto(`${base}/ui/`);
    await page.click('.top-nav button[type=submit]');
    await page.waitForURL(/\/ui\/login$/);
    expect(await context.cookies()).toEqual([]);
    await page.goto(`${base}/ui/articles/${ids.v1}`);
    expect(new URL(page.url()).pathname).toBe('/ui/login');
  });
});
