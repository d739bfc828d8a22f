/**
 * `vellum verify --integrity`: every stored body against its SHA-256 and every article's hashes,
 * on Postgres (a schema of the test's own) and on the embedded PGlite. A clean archive passes;
 * a body whose bytes rotted, an article whose content hash or raw hash was changed, and an
 * article whose body is gone are each listed (table, id, expected, actual) with exit status 1.
 * Real CLI.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@vellum/db';
import { sha256Hex } from '@vellum/core';
import { EXAMPLE_FILES, examplePath } from './dedup-pages.ts';
import { runVellum } from './support/run-vellum.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

interface IntegrityReport {
  integrity: true;
  ok: boolean;
  bodies: { checked: number; bytes: number };
  articles: { checked: number };
  mismatches: Array<{ table: string; id: string | number; check: string; expected: string; actual: string }>;
}

async function integrity(env: Record<string, string | undefined>): Promise<{ code: number | null; report: IntegrityReport }> {
  const run = await runVellum(['verify', '--integrity', '--json'], env, { timeoutMs: 120_000 });
  expect(run.stdout, run.stderr).not.toBe('');
  return { code: run.code, report: JSON.parse(run.stdout) as IntegrityReport };
}

async function ingestExamples(env: Record<string, string | undefined>): Promise<number[]> {
  const run = await runVellum(['ingest', ...EXAMPLE_FILES.map(examplePath), '--json'], env, { timeoutMs: 120_000 });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).outcomes.map((o: { articleId: number }) => o.articleId);
}

/**
 * Damage as a disk or a hand edit would do it. The bodies table proves its key with a check
 * constraint, so the rot is played by dropping the constraint first.
 */
async function corrupt(db: Database, ids: number[]): Promise<{ body: string; rotted: string; hashed: number; raw: number }> {
  const { rows } = await db.query<{ body_sha256: string }>('SELECT c.body_sha256 FROM articles a JOIN captures c ON c.id = a.capture_id WHERE a.id = $1', [ids[0]]);
  const body = rows[0]!.body_sha256;
  await db.exec('ALTER TABLE bodies DROP CONSTRAINT bodies_sha256_matches');
  await db.query(`UPDATE bodies SET bytes = overlay(bytes placing '\\x58'::bytea from 10 for 1) WHERE sha256 = $1`, [body]);
  const rotted = (await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM bodies WHERE sha256 = $1', [body])).rows[0]!.bytes;
  await db.query(`UPDATE articles SET content_hash = repeat('0', 64) WHERE id = $1`, [ids[1]]);
  await db.query(`UPDATE articles SET raw_sha256 = repeat('1', 64) WHERE id = $1`, [ids[2]]);
  return { body, rotted: sha256Hex(rotted), hashed: ids[1]!, raw: ids[2]! };
}

async function expectCaught(db: () => Promise<Database>, env: Record<string, string | undefined>, ids: number[]): Promise<void> {
  const handle = await db();
  let damage: Awaited<ReturnType<typeof corrupt>>;
  let stored: { content_hash: string; text_hash: string; body_sha256: string };
  try {
    damage = await corrupt(handle, ids);
    const { rows } = await handle.query<{ content_hash: string; text: string; body_sha256: string }>(
      'SELECT a.text, c.body_sha256 FROM articles a JOIN captures c ON c.id = a.capture_id WHERE a.id = $1',
      [damage.hashed],
    );
    const raw = await handle.query<{ body_sha256: string }>('SELECT c.body_sha256 FROM articles a JOIN captures c ON c.id = a.capture_id WHERE a.id = $1', [damage.raw]);
    stored = { content_hash: '0'.repeat(64), text_hash: sha256Hex(rows[0]!.text), body_sha256: raw.rows[0]!.body_sha256 };
  } finally {
    if (handle.kind === 'pglite') await handle.close();
  }
  const { code, report } = await integrity(env);
  expect(code).toBe(1);
  expect(report.ok).toBe(false);
  expect(report.articles.checked).toBe(ids.length);
  expect(report.mismatches).toEqual(
    expect.arrayContaining([
      { table: 'bodies', id: damage.body, check: 'body-sha256', expected: damage.body, actual: damage.rotted },
      { table: 'articles', id: damage.hashed, check: 'content-hash', expected: stored.content_hash, actual: stored.text_hash },
      { table: 'articles', id: damage.raw, check: 'raw-sha256', expected: stored.body_sha256, actual: '1'.repeat(64) },
    ]),
  );
  expect(report.mismatches).toHaveLength(3);
  // The text report names each one, and says what to do.
  const text = await runVellum(['verify', '--integrity'], env, { timeoutMs: 120_000 });
  expect(text.code).toBe(1);
  expect(text.stdout).toMatch(new RegExp(`bodies ${damage.body} body-sha256: expected ${damage.body}, got ${damage.rotted}`));
  expect(text.stdout).toMatch(new RegExp(`articles ${damage.hashed} content-hash: expected 0{64}`));
  expect(text.stdout).toMatch(/3 mismatch\(es\)/);
  expect(text.stdout).toMatch(/backup/);
}

describe('vellum verify --integrity on Postgres', () => {
  const schema = uniqueSchema('verify_integrity');
  const env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema };
  let db: Database;
  let ids: number[];

  beforeAll(async () => {
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
    ids = await ingestExamples(env);
    expect(ids.length).toBeGreaterThanOrEqual(3);
  }, 180_000);

  afterAll(async () => {
    await db?.close();
    await dropSchema(schema);
  });

  it('passes a clean archive', { timeout: 120_000 }, async () => {
    const { code, report } = await integrity(env);
    expect(report.mismatches).toEqual([]);
    expect(report).toMatchObject({ ok: true, articles: { checked: ids.length } });
    expect(report.bodies.checked).toBe(Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM bodies')).rows[0]!.n));
    expect(report.bodies.bytes).toBeGreaterThan(0);
    expect(code).toBe(0);
  });

  it('lists a rotted body and changed article hashes, and exits 1', { timeout: 180_000 }, async () => {
    await expectCaught(async () => db, env, ids);
  });

  it('refuses --sample with --integrity, saying why', async () => {
    const run = await runVellum(['verify', '--integrity', '--sample', '2'], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--integrity checks every row/);
  });
});

describe('vellum verify --integrity on the embedded PGlite', { timeout: 240_000 }, () => {
  let home: string;
  let env: Record<string, string | undefined>;
  let ids: number[];

  beforeAll(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-integrity-'));
    env = { VELLUM_HOME: home, DATABASE_URL: undefined, REDIS_URL: undefined, VELLUM_SITE_RULES: undefined };
    ids = await ingestExamples(env);
  });

  afterAll(async () => {
    await fs.rm(home, { recursive: true, force: true });
  });

  it('passes a clean archive, then catches the same damage', async () => {
    const clean = await integrity(env);
    expect(clean.report.mismatches).toEqual([]);
    expect(clean.code).toBe(0);
    // The CLI has exited: the embedded database can be opened here.
    await expectCaught(() => openDatabase({ dataDir: path.join(home, 'db'), schema: 'vellum' }), env, ids);
  });
});
