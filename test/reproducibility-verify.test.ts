/**
 * `vellum verify`: the stored captures reproduce every stored article exactly; tampering with a
 * stored text or hash is reported, article by article, with a non-zero exit. Real CLI, Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@vellum/db';
import { EXAMPLE_FILES, examplePath } from './dedup-pages.ts';
import { runVellum } from './support/run-vellum.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

interface VerifyReport {
  articles: number;
  current: number;
  checked: number;
  passed: number;
  mismatches: Array<{ articleId: number; kind: string; expected: string; actual: string }>;
}

describe('vellum verify', () => {
  const schema = uniqueSchema('repro_verify');
  let db: Database;
  let env: Record<string, string>;
  let ids: number[];

  const verify = async (...args: string[]): Promise<{ code: number | null; report: VerifyReport }> => {
    const run = await runVellum(['verify', '--json', ...args], env);
    expect(run.stdout, run.stderr).not.toBe('');
    return { code: run.code, report: JSON.parse(run.stdout) as VerifyReport };
  };

  beforeAll(async () => {
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema };
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
    const run = await runVellum(['ingest', ...EXAMPLE_FILES.map(examplePath), '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    ids = JSON.parse(run.stdout).outcomes.map((o: { articleId: number }) => o.articleId);
    expect(ids.every((id) => Number.isInteger(id))).toBe(true);
  });

  afterAll(async () => {
    await db?.close();
    await dropSchema(schema);
  });

  it('passes when every article reproduces from its capture', async () => {
    const { code, report } = await verify();
    expect(report.mismatches).toEqual([]);
    expect(report).toMatchObject({ articles: ids.length, current: ids.length, checked: ids.length, passed: ids.length });
    expect(code).toBe(0);
  });

  it('checks a sample when asked', async () => {
    const { code, report } = await verify('--sample', '2');
    expect(report.checked).toBe(2);
    expect(report.passed).toBe(2);
    expect(code).toBe(0);
  });

  it('fails, naming the article, after a stored text is tampered with', async () => {
    const victim = ids[1]!;
    await db.query(`UPDATE articles SET text = replace(text, ' the ', ' a ') WHERE id = $1`, [victim]);
    const { code, report } = await verify();
    expect(code).toBe(1);
    expect(report.checked).toBe(ids.length);
    expect(report.passed).toBe(ids.length - 1);
    expect(new Set(report.mismatches.map((m) => m.articleId))).toEqual(new Set([victim]));
    // The text no longer matches its recorded hash, nor what the pipeline gives.
    expect(report.mismatches.map((m) => m.kind).sort()).toEqual(['stored-text', 'text']);
  });

  it('reports a tampered content hash too, and every mismatch at once', async () => {
    const other = ids[3]!;
    await db.query(`UPDATE articles SET content_hash = repeat('0', 64) WHERE id = $1`, [other]);
    const run = await runVellum(['verify'], env);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`article ${ids[1]} .*stored-text`));
    expect(run.stdout).toMatch(new RegExp(`article ${other} .*content-hash: expected 0{64}`));
    expect(run.stdout).toMatch(new RegExp(`${ids.length - 2} reproduced exactly, 2 did not`));
  });
});
