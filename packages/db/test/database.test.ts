import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSubmission,
  findSubmissionsByUrl,
  isTransientDatabaseError,
  migrate,
  openDatabase,
  type Database,
} from '../src/index.ts';
import { POSTGRES_URL, testSchema } from './helpers.ts';

describe('openDatabase', () => {
  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openDatabase({ schema: 'x; DROP TABLE y' })).rejects.toThrow(/invalid schema name/);
    await expect(openDatabase({ connectionString: POSTGRES_URL, schema: 'a b' })).rejects.toThrow(/invalid schema name/);
    await expect(openDatabase({ connectionString: POSTGRES_URL, schema: 'Mixed' })).rejects.toThrow(/invalid schema name/);
  });

  it('keeps embedded data under dataDir across close and reopen', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vellum-pglite-'));
    try {
      const first = await openDatabase({ dataDir: path.join(dir, 'db') });
      expect(first.kind).toBe('pglite');
      expect(first.schema).toBe('vellum');
      await migrate(first);
      const sub = await createSubmission(first, { url: 'https://persist.test/', submittedBy: 'me', source: 'cli' });
      await first.close();

      const second = await openDatabase({ dataDir: path.join(dir, 'db') });
      expect((await migrate(second)).applied).toEqual([]);
      expect((await findSubmissionsByUrl(second, 'https://persist.test/')).map((s) => s.id)).toEqual([sub.id]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('openDatabase on postgres', () => {
  const schemas = [testSchema('vt_iso'), testSchema('vt_iso')];
  const handles: Database[] = [];
  afterAll(async () => {
    for (const h of handles) {
      await h.exec(`DROP SCHEMA IF EXISTS "${h.schema}" CASCADE`);
      await h.close();
    }
  });

  it('creates the schema and confines every pooled connection to it', async () => {
    for (const schema of schemas) handles.push(await openDatabase({ connectionString: POSTGRES_URL, schema }));
    const [a, b] = handles as [Database, Database];
    expect(a.kind).toBe('postgres');
    await Promise.all([migrate(a), migrate(b)]);
    await createSubmission(a, { url: 'https://iso.test/', submittedBy: 'a', source: 'cli' });
    // Several concurrent queries force the pool to open more connections; all must see schema a.
    const seen = await Promise.all(
      Array.from({ length: 6 }, () => a.query<{ s: string }>('SELECT current_schema() AS s')),
    );
    expect(new Set(seen.map((r) => r.rows[0]!.s))).toEqual(new Set([a.schema]));
    expect(await findSubmissionsByUrl(a, 'https://iso.test/')).toHaveLength(1);
    expect(await findSubmissionsByUrl(b, 'https://iso.test/')).toEqual([]);
  });

  it('reports an unreachable server as a transient error', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const db = await openDatabase({ connectionString: 'postgres://postgres@127.0.0.1:1/test', schema: 'x' }).catch(
      (error: unknown) => error,
    );
    expect(db).toBeInstanceOf(Error);
    expect(isTransientDatabaseError(db)).toBe(true);
  });

  it('does not call a statement error transient', async () => {
    const error = await handles[0]!.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
    expect(isTransientDatabaseError(error)).toBe(false);
  });
});
