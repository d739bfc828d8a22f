/**
 * `vellum reprocess` after a rule change: new results are stored beside the old ones (never
 * over them), each with its versions; a second run does nothing; verify then vouches for the
 * new results. Inline on Postgres, and through the process queue with real BullMQ workers on
 * the real Redis.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineVersions } from '@vellum/core';
import { openDatabase, type Database } from '@vellum/db';
import { createQueues, obliterateQueues, redisConnectionOptions } from '@vellum/queue';
import { startWorkers } from '@vellum/worker';
import { EXAMPLE_FILES, examplePath } from './dedup-pages.ts';
import { runVellum } from './support/run-vellum.ts';
import { startTestServer, html, type TestServer } from './support/test-server.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';

interface Summary {
  mode: string;
  pipelineVersions: Record<string, number>;
  selected: number;
  alreadyCurrent: number;
  stored: number;
  unchanged: number;
  failed: number;
  enqueued: number;
}

interface Row {
  id: string;
  capture_id: string;
  pipeline_version: string;
  content_hash: string;
  text: string;
  versions: Record<string, string>;
  removed: Array<{ rule: string; text: string }>;
}

/** Site rules for the test server's host: cut every word starting with `word` out of the text. */
const siteRules = (word: string) => [
  { id: `drop-${word.toLowerCase()}`, hosts: ['127.0.0.1'], description: 'test rule', spans: [{ pattern: `\\b${word}\\w*\\s?` }] },
];

// The tests below are the steps of one story on one archive, in order: each starts from the
// state the previous one left.
describe('vellum reprocess after a rule change', () => {
  const schema = uniqueSchema('repro_reprocess');
  const prefix = `vt-reprocess-${process.pid}-${Date.now()}`;
  const pages = EXAMPLE_FILES.slice(0, 3);
  let server: TestServer;
  let db: Database;
  let dir: string;
  let env: Record<string, string>;
  let original: Row[];

  const articles = async (): Promise<Row[]> =>
    (await db.query<Row>('SELECT id, capture_id, pipeline_version, content_hash, text, versions, removed FROM articles ORDER BY id')).rows;

  const reprocess = async (args: string[], extraEnv: Record<string, string> = {}): Promise<Summary> => {
    const run = await runVellum(['reprocess', ...args, '--json'], { ...env, ...extraEnv });
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Summary;
  };

  const rulesFile = async (name: string, word: string): Promise<string> => {
    const file = path.join(dir, name);
    await fs.writeFile(file, JSON.stringify(siteRules(word)));
    return file;
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-reprocess-'));
    const routes: Record<string, ReturnType<typeof html>> = {};
    for (const [i, f] of pages.entries()) routes[`/story-${i}`] = html(await fs.readFile(examplePath(f), 'utf8'));
    server = await startTestServer(routes);
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, VELLUM_ALLOW_HOSTS: '127.0.0.1' };
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
    const run = await runVellum(['ingest', ...Object.keys(routes).map((p) => server.url(p))], env);
    expect(run.code, run.stderr).toBe(0);
    original = await articles();
    expect(original).toHaveLength(pages.length);
  });

  afterAll(async () => {
    await db?.close();
    await server?.close();
    await dropSchema(schema);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('does nothing while the pipeline is unchanged', async () => {
    const summary = await reprocess(['--all']);
    expect(summary).toMatchObject({ mode: 'inline', selected: pages.length, alreadyCurrent: pages.length, stored: 0, failed: 0 });
    expect(await articles()).toEqual(original);
  });

  it('stores new results beside the old ones after a rule change, and only once', async () => {
    const file = await rulesFile('rules-1.json', 'Russia');
    const expected = pipelineVersions({ url: server.url('/story-0'), siteRules: siteRules('Russia') }).pipeline;
    const summary = await reprocess(['--all'], { VELLUM_SITE_RULES: file });
    expect(summary).toMatchObject({ mode: 'inline', selected: pages.length, alreadyCurrent: 0, stored: pages.length, failed: 0 });
    expect(summary.pipelineVersions).toEqual({ [expected]: pages.length });

    const all = await articles();
    expect(all).toHaveLength(2 * pages.length);
    // The old rows are untouched, byte for byte.
    expect(all.slice(0, pages.length)).toEqual(original);
    const fresh = all.slice(pages.length);
    for (const [i, row] of fresh.entries()) {
      const old = original[i]!;
      expect(row.capture_id).toBe(old.capture_id);
      expect(row.pipeline_version).toBe(expected);
      expect(row.pipeline_version).not.toBe(old.pipeline_version);
      expect(row.versions.clean).not.toBe(old.versions.clean);
      expect(row.versions.pipeline).toBe(expected);
      expect(row.content_hash).not.toBe(old.content_hash);
      expect(old.text).toMatch(/\bRussia/);
      expect(row.text).not.toMatch(/\bRussia/);
      expect(row.removed.some((r) => r.rule === 'site:drop-russia')).toBe(true);
    }

    const again = await reprocess(['--all'], { VELLUM_SITE_RULES: file });
    expect(again).toMatchObject({ alreadyCurrent: pages.length, stored: 0 });
    expect(await articles()).toHaveLength(2 * pages.length);
  });

  it('selects by article id and by date', async () => {
    const file = await rulesFile('rules-1.json', 'Russia');
    const byId = await reprocess(['--ids', original[0]!.id], { VELLUM_SITE_RULES: file });
    expect(byId).toMatchObject({ selected: 1, alreadyCurrent: 1, stored: 0 });
    const future = await reprocess(['--since', '2999-01-01'], { VELLUM_SITE_RULES: file });
    expect(future).toMatchObject({ selected: 0, stored: 0 });
    const bad = await runVellum(['reprocess', '--since', 'yesterday-ish'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--since yesterday-ish is not a date/);
    const none = await runVellum(['reprocess'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/exactly one of --all, --since DATE or --ids/);
  });

  it('lets verify vouch for the new results under the new rules', async () => {
    const file = await rulesFile('rules-1.json', 'Russia');
    const run = await runVellum(['verify', '--json'], { ...env, VELLUM_SITE_RULES: file });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ articles: 2 * pages.length, current: pages.length, checked: pages.length, passed: pages.length });
  });

  it('goes through the process queue when REDIS_URL is set, and workers store the results', async () => {
    const word = 'soldier';
    const file = await rulesFile('rules-2.json', word);
    const expected = pipelineVersions({ url: server.url('/story-0'), siteRules: siteRules(word) }).pipeline;
    const summary = await reprocess(['--all'], { VELLUM_SITE_RULES: file, REDIS_URL, VELLUM_QUEUE_PREFIX: prefix });
    expect(summary).toMatchObject({ mode: 'queue', selected: pages.length, enqueued: pages.length, stored: 0 });

    const connection = redisConnectionOptions(REDIS_URL);
    const queues = createQueues({ connection, prefix });
    try {
      for (const row of original) {
        const job = await queues.process.getJob(`reprocess-${row.capture_id}-${expected}`);
        expect(job?.data).toEqual({ captureId: row.capture_id });
      }
      const workers = startWorkers({
        role: 'process',
        connection: redisConnectionOptions(REDIS_URL, { role: 'worker' }),
        prefix,
        db,
        cleanOptions: { siteRules: siteRules(word) },
        logger: pino({ level: 'silent' }),
      });
      try {
        const deadline = Date.now() + 45_000;
        let stored = 0;
        while (Date.now() < deadline) {
          const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM articles WHERE pipeline_version = $1', [expected]);
          stored = Number(rows[0]!.n);
          if (stored === pages.length) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        expect(stored).toBe(pages.length);
      } finally {
        await workers.close();
      }
    } finally {
      await obliterateQueues(queues);
      await queues.close();
    }
    const all = await articles();
    expect(all).toHaveLength(3 * pages.length);
    expect(all.slice(0, pages.length)).toEqual(original);
    for (const row of all.slice(2 * pages.length)) {
      expect(row.pipeline_version).toBe(expected);
      expect(row.text).not.toMatch(/\bsoldier/);
    }
  });
});
