/**
 * The OpenAPI document against the live API, so the two cannot drift: every documented
 * operation is called, every documented status is provoked (a dead Redis for the 503s), and
 * every answer is validated against the document (status, media type, body with Ajv, objects
 * closed to undocumented fields). Then the document itself is linted with Redocly's
 * `recommended` rules: no errors allowed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { buildApi } from '@vellum/api';
import { createQueues, redisConnectionOptions, type VellumQueues } from '@vellum/queue';
import { ingestOne } from '@vellum/worker';
import { queueEnv, type QueueEnv } from './queue-harness.ts';
import { REPO_ROOT } from './support/run-vellum.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const TOKEN = 'openapi-token-0123456789abcdef';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const EXAMPLE = path.join(REPO_ROOT, 'examples/former-ukrainian-soldiers-join-russian-ranks.html');

type Json = Record<string, any>;
interface Call {
  method: string;
  /** The path as documented, e.g. `/v1/articles/{id}`. */
  template: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | object;
}

/** Objects in the document's response schemas that list properties get no others. */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, closeObjects(s)])) : closeObjects(v);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function mediaType(header: string | undefined): string | null {
  return header ? header.split(';')[0]!.trim().toLowerCase() : null;
}

describe('OpenAPI document vs the live API', () => {
  let q: QueueEnv;
  let app: FastifyInstance;
  let deadQueues: VellumQueues;
  let dead: FastifyInstance;
  let doc: Json;
  let articleId: number;
  let submissionId: number;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  /** `METHOD template status` of every answer checked. */
  const seen = new Set<string>();

  async function check(target: FastifyInstance, call: Call): Promise<LightMyRequestResponse> {
    const res = await target.inject({ method: call.method as 'GET', url: call.url, headers: call.headers, payload: call.payload as string });
    const where = `${call.method} ${call.url} -> ${res.statusCode}`;
    const op = doc.paths[call.template]?.[call.method.toLowerCase()];
    expect(op, `${where}: operation not documented`).toBeDefined();
    const documented = op.responses[String(res.statusCode)];
    expect(documented, `${where}: status not documented (${res.body.slice(0, 200)})`).toBeDefined();
    const content = documented.content as Json | undefined;
    if (content) {
      const type = mediaType(res.headers['content-type'] as string | undefined);
      expect(Object.keys(content), `${where}: media type ${type}`).toContain(type);
      const schema = closeObjects({ ...content[type!].schema, components: doc.components });
      const body = type === 'application/json' ? res.json() : res.body;
      const validate = ajv.compile(schema as object);
      expect(validate(body) ? [] : validate.errors, where).toEqual([]);
    } else {
      expect(res.body, `${where}: documented without a body`).toBe('');
    }
    seen.add(`${call.method} ${call.template} ${res.statusCode}`);
    return res;
  }

  beforeAll(async () => {
    q = await queueEnv('openapi');
    app = await buildApi({ db: q.db, queues: q.queues, token: TOKEN, batchLimit: 2, jobEvents: false });
    deadQueues = createQueues({
      connection: { ...redisConnectionOptions('redis://127.0.0.1:1'), retryStrategy: () => 100 },
      prefix: q.prefix,
      enqueueTimeoutMs: 500,
    });
    dead = await buildApi({ db: q.db, queues: deadQueues, token: TOKEN, healthTimeoutMs: 300, jobEvents: false });
    doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const bytes = new Uint8Array(await fs.readFile(EXAMPLE));
    const stored = await ingestOne(
      { db: q.db, actor: 'test' },
      { kind: 'file', file: { path: EXAMPLE, bytes, readAt: new Date().toISOString() }, url: 'https://example.com/news/story' },
      { submittedBy: 'test' },
    );
    expect(stored.status, stored.reason ?? '').toBe('stored');
    articleId = stored.articleId!;
    submissionId = stored.submissionId;
  });

  afterAll(async () => {
    await dead?.close();
    await deadQueues?.close();
    await app?.close();
    await q?.cleanup();
  });

  it('answers every documented request as documented, and every documented status can be provoked', async () => {
    const json = { ...AUTH, 'content-type': 'application/json' };
    const calls: Call[] = [
      { method: 'POST', template: '/v1/submissions', url: '/v1/submissions', headers: json, payload: { url: 'http://127.0.0.1:1/a' } },
      { method: 'POST', template: '/v1/submissions', url: '/v1/submissions', headers: json, payload: {} },
      { method: 'POST', template: '/v1/submissions', url: '/v1/submissions', headers: { 'content-type': 'application/json' }, payload: { url: 'http://a.test/' } },
      { method: 'POST', template: '/v1/submissions', url: '/v1/submissions', headers: json, payload: { urls: ['http://a.test/' + 'x'.repeat(9000)] } },
      { method: 'POST', template: '/v1/submissions', url: '/v1/submissions', headers: { ...AUTH, 'content-type': 'application/xml' }, payload: '<url>http://a.test/</url>' },
      { method: 'GET', template: '/v1/submissions/{id}', url: `/v1/submissions/${submissionId}`, headers: AUTH },
      { method: 'GET', template: '/v1/submissions/{id}', url: '/v1/submissions/abc', headers: AUTH },
      { method: 'GET', template: '/v1/submissions/{id}', url: `/v1/submissions/${submissionId}` },
      { method: 'GET', template: '/v1/submissions/{id}', url: '/v1/submissions/999999999', headers: AUTH },
      { method: 'GET', template: '/v1/articles/{id}', url: `/v1/articles/${articleId}`, headers: AUTH },
      { method: 'GET', template: '/v1/articles/{id}', url: '/v1/articles/1x', headers: AUTH },
      { method: 'GET', template: '/v1/articles/{id}', url: `/v1/articles/${articleId}`, headers: { authorization: 'Bearer wrong-token-wrong-token' } },
      { method: 'GET', template: '/v1/articles/{id}', url: '/v1/articles/999999999', headers: AUTH },
      { method: 'GET', template: '/v1/articles', url: '/v1/articles?url=https%3A%2F%2Fexample.com%2Fnews%2Fstory', headers: AUTH },
      { method: 'GET', template: '/v1/articles', url: '/v1/articles?limit=5', headers: AUTH },
      { method: 'GET', template: '/v1/articles', url: '/v1/articles?url=x' },
      { method: 'GET', template: '/admin/queues', url: '/admin/queues', headers: AUTH },
      { method: 'GET', template: '/admin/queues', url: '/admin/queues' },
      // Search, browse, versions and diffs (issue 13).
      { method: 'GET', template: '/v1/search', url: '/v1/search?q=soldiers&limit=5', headers: AUTH },
      { method: 'GET', template: '/v1/search', url: '/v1/search?q=soldiers&cursor=bad', headers: AUTH },
      { method: 'GET', template: '/v1/search', url: '/v1/search?q=soldiers' },
      { method: 'GET', template: '/v1/articles', url: '/v1/articles?since=yesterday', headers: AUTH },
      { method: 'GET', template: '/v1/articles', url: '/v1/articles?lang=en&site=example.com', headers: AUTH },
      { method: 'GET', template: '/v1/articles/{id}/versions', url: `/v1/articles/${articleId}/versions`, headers: AUTH },
      { method: 'GET', template: '/v1/articles/{id}/versions', url: '/v1/articles/999999999/versions', headers: AUTH },
      { method: 'GET', template: '/v1/articles/{id}/versions', url: '/v1/articles/0/versions', headers: AUTH },
      { method: 'GET', template: '/v1/articles/{id}/versions', url: `/v1/articles/${articleId}/versions` },
      { method: 'GET', template: '/v1/articles/{id}/diff', url: `/v1/articles/${articleId}/diff?against=${articleId}`, headers: AUTH },
      { method: 'GET', template: '/v1/articles/{id}/diff', url: `/v1/articles/${articleId}/diff`, headers: AUTH },
      { method: 'GET', template: '/v1/articles/{id}/diff', url: `/v1/articles/${articleId}/diff?against=abc`, headers: AUTH },
      { method: 'GET', template: '/v1/articles/{id}/diff', url: `/v1/articles/${articleId}/diff` },
    ];
    for (const call of calls) await check(app, call);
    const found = await check(app, calls[13]!);
    expect(found.json().articles.map((a: { id: number }) => a.id)).toEqual([articleId]);
    const hits = (await check(app, calls[18]!)).json().results;
    expect(hits.map((h: { id: number }) => h.id)).toEqual([articleId]);
    expect(hits[0].snippet).toMatch(/<mark>soldiers<\/mark>/i);
    expect((await check(app, calls[22]!)).json().articles.map((a: { id: number }) => a.id)).toEqual([articleId]);
    expect((await check(app, calls[23]!)).json().versions).toHaveLength(1);
    expect((await check(app, calls[27]!)).json()).toMatchObject({ identical: true, stats: { insertedWords: 0, deletedWords: 0 } });

    // Every documented operation without path parameters, called plainly and with the token
    // (this reaches routes added later, e.g. health checks, without a case of their own).
    const plain: Call[] = [];
    for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
      if (template.includes('{') || !item.get) continue;
      plain.push({ method: 'GET', template, url: template }, { method: 'GET', template, url: template, headers: AUTH });
    }
    for (const call of plain) await check(app, call);
    // With Redis down: submissions are refused with 503, public checks report it (metrics read the queues: left out).
    await check(dead, calls[0]!);
    for (const call of plain.filter((c) => !c.headers && c.template !== '/metrics')) await check(dead, call);

    const documented: string[] = [];
    for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        for (const status of Object.keys((op as Json).responses ?? {})) documented.push(`${method.toUpperCase()} ${template} ${status}`);
      }
    }
    expect(documented.filter((d) => !seen.has(d)), 'documented but never provoked').toEqual([]);
    expect(documented.length).toBeGreaterThanOrEqual(23);
  });

  it('answers 405 with Allow for a known path asked with another method', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/v1/articles/1' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.json()).toMatchObject({ statusCode: 405, error: 'Method Not Allowed' });
    const put = await app.inject({ method: 'PUT', url: '/v1/submissions' });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe('POST');
    expect((await app.inject({ method: 'DELETE', url: '/v1/nothing/here' })).statusCode).toBe(404);
  });

  it('has operationIds, servers, and passes Redocly lint (recommended) with no errors', async () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    const ids: string[] = [];
    for (const item of Object.values(doc.paths as Record<string, Json>)) for (const op of Object.values(item)) ids.push((op as Json).operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of ['/metrics', '/openapi.json', '/admin/queues']) expect(Object.keys(doc.paths)).toContain(p);

    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });
});
