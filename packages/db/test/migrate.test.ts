import { createHash } from 'node:crypto';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, migrate, MigrationError, openDatabase, type Database } from '../src/index.ts';
import { BACKENDS, disposeTestDatabase, openTestDatabase, POSTGRES_URL, testSchema } from './helpers.ts';

const TABLES = ['articles', 'bodies', 'captures', 'events', 'schema_migrations', 'submissions'];
const VIEWS = ['article_provenance', 'latest_articles'];

async function relations(db: Database, kind: 'BASE TABLE' | 'VIEW'): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = $2 ORDER BY table_name`,
    [db.schema, kind],
  );
  return rows.map((r) => r.table_name);
}

describe.each(BACKENDS)('migrate on %s', (backend) => {
  let db: Database;
  let tempDir: string;

  beforeAll(async () => {
    db = await openTestDatabase(backend, 'vt_mig');
    tempDir = await mkdtemp(path.join(tmpdir(), 'vellum-migrations-'));
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
    await rm(tempDir, { recursive: true, force: true });
  });

  it('creates every table and view of schema v1 in the configured schema', async () => {
    const result = await migrate(db);
    // Later migrations (002+) belong to other features; this suite checks the runner and v1.
    expect(result.applied[0]).toBe('001-foundation.sql');
    expect(result.applied).toEqual(result.all);
    expect(await relations(db, 'BASE TABLE')).toEqual(expect.arrayContaining(TABLES));
    expect(await relations(db, 'VIEW')).toEqual(expect.arrayContaining(VIEWS));
    const { rows } = await db.query<{ name: string; sha256: string }>('SELECT name, sha256 FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(result.all);
    const shipped = await readFile(path.join(defaultMigrationsDir(), '001-foundation.sql'));
    expect(rows[0]!.sha256).toBe(createHash('sha256').update(shipped).digest('hex'));
  });

  it('is a no-op when re-run', async () => {
    const before = await db.query('SELECT name, sha256, applied_at FROM schema_migrations ORDER BY name');
    const result = await migrate(db);
    expect(result.applied).toEqual([]);
    expect(result.all[0]).toBe('001-foundation.sql');
    const after = await db.query('SELECT name, sha256, applied_at FROM schema_migrations ORDER BY name');
    expect(after.rows).toEqual(before.rows);
  });

  it('applies a new migration file, then refuses once an applied file has changed', async () => {
    const dir = path.join(tempDir, 'changed');
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    await writeFile(path.join(dir, '900-extra.sql'), 'CREATE TABLE extra_thing (id int);\n');
    expect((await migrate(db, { migrationsDir: dir })).applied).toEqual(['900-extra.sql']);

    await appendFile(path.join(dir, '900-extra.sql'), 'ALTER TABLE extra_thing ADD COLUMN y int;\n');
    const failure = migrate(db, { migrationsDir: dir });
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(migrate(db, { migrationsDir: dir })).rejects.toThrow(/900-extra\.sql changed after it was applied/);
    const { rows } = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'extra_thing'`,
      [db.schema],
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses to run when the database has a migration the code does not know', async () => {
    // The default directory lacks 900-extra.sql, applied by the previous test.
    await expect(migrate(db)).rejects.toThrow(/900-extra\.sql is applied in the database but missing/);
  });

  it('rolls back a failing migration and does not record it', async () => {
    const dir = path.join(tempDir, 'broken');
    await cp(path.join(tempDir, 'changed'), dir, { recursive: true });
    // Restore 900 as applied, then add a 901 whose second statement fails.
    const original = 'CREATE TABLE extra_thing (id int);\n';
    await writeFile(path.join(dir, '900-extra.sql'), original);
    await writeFile(path.join(dir, '901-broken.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n');
    await expect(migrate(db, { migrationsDir: dir })).rejects.toThrow(/901-broken\.sql failed and was rolled back/);
    const { rows } = await db.query(`SELECT name FROM schema_migrations ORDER BY name`);
    expect(rows.map((r) => r.name)).not.toContain('901-broken.sql');
    expect(rows.map((r) => r.name)).toContain('900-extra.sql');
    expect(await relations(db, 'BASE TABLE')).not.toContain('half_done');
  });

  it('refuses a new migration numbered before one already applied', async () => {
    const dir = path.join(tempDir, 'late');
    await cp(path.join(tempDir, 'broken'), dir, { recursive: true });
    await rm(path.join(dir, '901-broken.sql'));
    await writeFile(path.join(dir, '899-late.sql'), 'CREATE TABLE late_table (id int);\n');
    await expect(migrate(db, { migrationsDir: dir })).rejects.toThrow(/899-late\.sql is pending but the later 900-extra\.sql is already applied/);
  });

  it('refuses two migrations with the same number', async () => {
    const dir = path.join(tempDir, 'duplicate');
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    await writeFile(path.join(dir, '001-other.sql'), 'SELECT 1;');
    await expect(migrate(db, { migrationsDir: dir })).rejects.toThrow(/two migrations share number 001/);
  });
});

describe('migrate on postgres from two processes at once', () => {
  const schema = testSchema('vt_migc');
  const handles: Database[] = [];
  afterEach(async () => {
    await handles[0]?.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all(handles.map((h) => h.close()));
  });

  it('applies each migration exactly once', async () => {
    for (let i = 0; i < 3; i++) handles.push(await openDatabase({ connectionString: POSTGRES_URL, schema }));
    const results = await Promise.all(handles.map((h) => migrate(h)));
    const applied = results.flatMap((r) => r.applied).sort();
    expect(applied).toEqual(results[0]!.all);
    const { rows } = await handles[0]!.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]!.n).toBe(results[0]!.all.length);
  });
});
