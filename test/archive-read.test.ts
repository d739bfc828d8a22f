/**
 * Reading the archive (issue 13) end to end: pages ingested through the real pipeline from a
 * local server, then searched, browsed, listed by version and diffed through the CLI and the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '@vellum/api';
import { getArticle } from '@vellum/db';
import { appendUpdate, correctSentence, EXAMPLE_FILES, seedArticle, templateA } from './dedup-pages.ts';
import { queueEnv, type QueueEnv } from './queue-harness.ts';
import { runVellum } from './support/run-vellum.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const TOKEN = 'archive-read-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };

describe('search, browse, versions and diffs through the CLI and the API', () => {
  const seed = seedArticle(EXAMPLE_FILES[2]!);
  const other = seedArticle(EXAMPLE_FILES[0]!);
  let pages: string[];
  let current = 0;
  let q: QueueEnv;
  let server: TestServer;
  let app: FastifyInstance;
  let url: string;
  const ids: number[] = [];
  let otherId: number;

  const ingest = async (target: string): Promise<number> => {
    const run = await runVellum(['ingest', target, '--json'], q.env);
    expect(run.code, run.stderr).toBe(0);
    const outcome = JSON.parse(run.stdout).outcomes[0];
    expect(outcome.status, JSON.stringify(outcome)).toBe('stored');
    return outcome.articleId as number;
  };
  const vellum = async (args: string[]) => runVellum(args, q.env);

  beforeAll(async () => {
    q = await queueEnv('archread');
    server = await startTestServer({
      '/story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[current]),
      '/other': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(templateA(other, server.url('/other'))),
    });
    url = server.url('/story');
    pages = [templateA(seed, url), templateA(correctSentence(seed), url), templateA(appendUpdate(correctSentence(seed)), url)];
    for (current = 0; current < pages.length; current++) ids.push(await ingest(url));
    otherId = await ingest(server.url('/other'));
    app = await buildApi({ db: q.db, queues: q.queues, token: TOKEN, jobEvents: false });
  });

  afterAll(async () => {
    await app?.close();
    await server?.close();
    await q?.cleanup();
  });

  it('vellum versions lists every version of the page, by URL or by any version id', async () => {
    const run = await vellum(['versions', url, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { versions } = JSON.parse(run.stdout);
    expect(versions.map((v: { version: number; articleId: number }) => [v.version, v.articleId])).toEqual([[1, ids[0]], [2, ids[1]], [3, ids[2]]]);
    for (const v of versions) {
      expect(v.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(typeof v.pipelineVersion).toBe('string');
      expect(Number.isNaN(Date.parse(v.firstFetchedAt))).toBe(false);
    }
    const text = await vellum(['versions', String(ids[0])]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('3 versions');
    expect(text.stdout).toMatch(new RegExp(`3 \\(latest\\)\\s+${ids[2]}`));
  });

  it('vellum diff shows the words changed since the previous version, or between any two', async () => {
    const json = await vellum(['diff', String(ids[1]), '--json']);
    expect(json.code, json.stderr).toBe(0);
    const diff = JSON.parse(json.stdout);
    expect(diff.from.articleId).toBe(ids[0]);
    expect(diff.to.articleId).toBe(ids[1]);
    const [a, b] = [await getArticle(q.db, ids[0]!), await getArticle(q.db, ids[1]!)];
    const side = (keep: string) => diff.parts.filter((p: { op: string }) => p.op === 'equal' || p.op === keep).map((p: { text: string }) => p.text).join('');
    expect(side('delete')).toBe(a!.text);
    expect(side('insert')).toBe(b!.text);
    expect(diff.stats.insertedWords).toBeGreaterThan(0);

    const text = await vellum(['diff', String(ids[2]), String(ids[0])]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`--- article ${ids[0]} (version 1`);
    expect(text.stdout).toContain(`+++ article ${ids[2]} (version 3`);
    expect(text.stdout).toMatch(/\{\+[^]*reviewed again next week\.\+\}/);
    expect(text.stdout).toMatch(/\[-[^\]]+-\]/);

    const first = await vellum(['diff', String(ids[0])]);
    expect(first.code).not.toBe(0);
    expect(first.stderr).toMatch(/first version of its page/);
  });

  it('vellum search finds the latest version only, with the match marked; vellum list shows the latest per page unless --all', async () => {
    const run = await vellum(['search', 'reviewed', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { results, nextCursor } = JSON.parse(run.stdout);
    expect(results.map((r: { id: number }) => r.id)).toEqual([ids[2]]);
    expect(nextCursor).toBeNull();
    expect(results[0].snippet).toContain('<mark>reviewed</mark>');

    const text = await vellum(['search', 'reviewed', '--site', '127.0.0.1']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('[reviewed]');
    expect(text.stdout).toContain(url);

    const otherTitle = (await getArticle(q.db, otherId))!.title!;
    const words = otherTitle.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 3).slice(0, 3);
    const title = await vellum(['search', words.join(' '), '--json', '--limit', '1']);
    expect(JSON.parse(title.stdout).results[0].id).toBe(otherId);

    const bad = await vellum(['search', 'reviewed', '--since', 'yesterday']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--since: not a date/);

    const latest = JSON.parse((await vellum(['list', '--json'])).stdout).map((a: { id: number }) => a.id);
    expect(latest).toEqual([otherId, ids[2]]);
    const paged = await vellum(['list', '--json', '--limit', '1']);
    expect(JSON.parse(paged.stdout).map((a: { id: number }) => a.id)).toEqual([otherId]);
    const cursor = /--cursor (\S+)/.exec(paged.stderr)![1]!;
    expect(JSON.parse((await vellum(['list', '--json', '--limit', '1', '--cursor', cursor])).stdout).map((a: { id: number }) => a.id)).toEqual([ids[2]]);
    const all = JSON.parse((await vellum(['list', '--all', '--json'])).stdout).map((a: { id: number }) => a.id);
    expect(all.sort((x: number, y: number) => x - y)).toEqual([...ids, otherId].sort((x, y) => x - y));
  });

  it('the API searches, browses, lists versions and diffs the same archive', async () => {
    const get = async (path: string) => {
      const res = await app.inject({ method: 'GET', url: path, headers: AUTH });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect((await get('/v1/search?q=reviewed')).results.map((r: { id: number }) => r.id)).toEqual([ids[2]]);
    expect((await get('/v1/articles')).articles.map((a: { id: number }) => a.id)).toEqual([otherId, ids[2]]);
    const firstPage = await get('/v1/articles?limit=1');
    expect((await get(`/v1/articles?limit=1&cursor=${firstPage.nextCursor}`)).articles.map((a: { id: number }) => a.id)).toEqual([ids[2]]);
    expect((await get(`/v1/articles?url=${encodeURIComponent(url)}`)).articles).toHaveLength(3);
    const versions = await get(`/v1/articles/${ids[1]}/versions`);
    expect(versions.versions.map((v: { articleId: number }) => v.articleId)).toEqual(ids);
    const diff = await get(`/v1/articles/${ids[2]}/diff`);
    expect([diff.from.articleId, diff.to.articleId]).toEqual([ids[1], ids[2]]);
    expect(diff.parts.filter((p: { op: string }) => p.op === 'insert').map((p: { text: string }) => p.text).join('')).toContain('reviewed again next week');
    const against = await get(`/v1/articles/${ids[2]}/diff?against=${ids[0]}`);
    expect(against.from.articleId).toBe(ids[0]);
    const none = await app.inject({ method: 'GET', url: `/v1/articles/${ids[0]}/diff`, headers: AUTH });
    expect(none.statusCode).toBe(404);
    expect(none.json().message).toMatch(/first version/);
  });
});
