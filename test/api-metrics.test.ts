/**
 * GET /metrics linted as `promtool check metrics` would (test/support/promlint.ts) after parsing
 * the exposition with an independent parser: one `vellum_` prefix, `_total` only on counters,
 * base units, one HELP/TYPE per family; and the API's own request metrics by route and status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { buildApi } from '@vellum/api';
import { queueEnv, type QueueEnv } from './queue-harness.ts';
import { lintExposition, lintFamilies } from './support/promlint.ts';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('GET /metrics', () => {
  let q: QueueEnv;
  let app: FastifyInstance;

  beforeAll(async () => {
    q = await queueEnv('metrics');
    app = await buildApi({ db: q.db, queues: q.queues, token: TOKEN });
  });

  afterAll(async () => {
    await app?.close();
    await q?.cleanup();
  });

  it('passes promtool lint, with every name under vellum_ and request metrics by route and status', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await app.inject({ method: 'GET', url: '/v1/articles/7', headers: auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/articles/8', headers: auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/articles/7' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/no/such/path', headers: auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    const res = await app.inject({ method: 'GET', url: '/metrics', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(lintExposition(text)).toEqual([]);
    const families = parsePrometheusTextFormat(text);
    expect(families.length).toBeGreaterThan(20);
    expect(lintFamilies(families)).toEqual([]);
    expect(families.filter((f) => !f.name.startsWith('vellum_')).map((f) => f.name)).toEqual([]);
    // prom-client's *_total gauges are gone; the per-type gauges they summed remain.
    expect(families.find((f) => f.name === 'vellum_nodejs_active_handles')?.type).toBe('GAUGE');
    expect(families.some((f) => f.name.includes('active_handles_total'))).toBe(false);

    const requests = families.find((f) => f.name === 'vellum_http_requests_total');
    expect(requests?.type).toBe('COUNTER');
    const count = (route: string, status: string) =>
      Number(requests!.metrics.find((m) => m.labels?.route === route && m.labels?.status === status && m.labels?.method === 'GET')?.value ?? 0);
    expect(count('/v1/articles/:id', '404')).toBe(2);
    expect(count('/v1/articles/:id', '401')).toBe(1);
    expect(count('(unmatched)', '404')).toBe(1);
    expect(count('/healthz', '200')).toBe(1);
    const latency = families.find((f) => f.name === 'vellum_http_request_duration_seconds');
    expect(latency?.type).toBe('HISTOGRAM');
    // The parser folds a histogram's labelled series into one: read the _count lines themselves.
    const countLine = text
      .split('\n')
      .find((l) => l.startsWith('vellum_http_request_duration_seconds_count{') && l.includes('route="/v1/articles/:id"') && l.includes('status="404"'));
    expect(countLine?.split(' ').pop()).toBe('2');

    // Every queue of the deployment is observed, the scheduler's included (its name lives in @vellum/queue).
    const queueJobs = families.find((f) => f.name === 'vellum_queue_jobs');
    expect(new Set(queueJobs?.metrics.map((m) => m.labels?.queue))).toEqual(new Set(['fetch', 'process', 'schedule']));
    const completed = families.find((f) => f.name === 'vellum_jobs_completed_total');
    expect(new Set(completed?.metrics.map((m) => m.labels?.queue))).toEqual(new Set(['fetch', 'process', 'schedule']));
  });

  it('flags what promtool flags (the lint is not a no-op)', () => {
    const bad = [
      '# HELP vellum_api_nodejs_active_handles_total Number of active handles.',
      '# TYPE vellum_api_nodejs_active_handles_total gauge',
      'vellum_api_nodejs_active_handles_total 3',
      '# HELP vellum_jobs_done Jobs done.',
      '# TYPE vellum_jobs_done counter',
      'vellum_jobs_done 1',
      '# HELP vellum_fetch_time_milliseconds Fetch time.',
      '# TYPE vellum_fetch_time_milliseconds gauge',
      'vellum_fetch_time_milliseconds 1',
      '# HELP vellum_x_ms X.',
      '# TYPE vellum_x_ms gauge',
      'vellum_x_ms 1',
      '# HELP vellum_x_ms Again.',
      '',
    ].join('\n');
    expect(lintExposition(bad)).toEqual(['second HELP line for vellum_x_ms', 'HELP line for vellum_x_ms after its samples']);
    const problems = lintFamilies(parsePrometheusTextFormat(bad.split('\n').slice(0, -2).join('\n'))).map((p) => `${p.metric}: ${p.text}`);
    expect(problems).toEqual([
      'vellum_api_nodejs_active_handles_total: non-counter metrics should not have "_total" suffix',
      'vellum_jobs_done: counter metrics should have "_total" suffix',
      'vellum_fetch_time_milliseconds: use base unit "seconds" instead of "milliseconds"',
      'vellum_x_ms: metric names should not contain abbreviated units',
    ]);
  });
});
