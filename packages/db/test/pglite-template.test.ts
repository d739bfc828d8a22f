/**
 * The embedded database's footprint: a new home is unpacked from the template (no initdb run),
 * holds no template0, uses 1 MB WAL segments, and every start applies the one-process settings.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubmission, findSubmissionsByUrl, migrate, openDatabase, pgliteTemplateName, writePgliteTemplate } from '../src/index.ts';

describe('the PGlite data-directory template', () => {
  let dir: string;
  let template: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vellum-pglite-template-'));
    template = path.join(dir, pgliteTemplateName());
    await writePgliteTemplate(template);
  }, 180_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is named for the PGlite version and the settings', () => {
    expect(pgliteTemplateName()).toMatch(/^pgdata-pglite-\d+\.\d+\.\d+-[0-9a-f]{12}\.tar\.gz$/);
  });

  it('becomes a new home: migrated, written, closed and reopened, with the small settings', { timeout: 120_000 }, async () => {
    const dataDir = path.join(dir, 'home', 'db');
    const first = await openDatabase({ dataDir, pgliteTemplate: template });
    await migrate(first);
    const sub = await createSubmission(first, { url: 'https://template.test/', submittedBy: 'me', source: 'cli' });
    const settings = await first.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'max_connections', 'wal_segment_size', 'min_wal_size') ORDER BY name`,
    );
    expect(settings.rows).toEqual([
      { name: 'max_connections', setting: '4', unit: null },
      { name: 'min_wal_size', setting: '2', unit: 'MB' },
      { name: 'shared_buffers', setting: '1024', unit: '8kB' },
      { name: 'wal_segment_size', setting: String(1024 * 1024), unit: 'B' },
    ]);
    const databases = await first.query<{ datname: string }>('SELECT datname FROM pg_database ORDER BY datname');
    expect(databases.rows.map((r) => r.datname)).toEqual(['postgres', 'template1']);
    await first.close();

    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    // WAL segments of 1 MB, and few of them.
    const wal = (await readdir(path.join(dataDir, 'pg_wal'))).filter((f) => /^[0-9A-F]{24}$/.test(f));
    expect(wal.length).toBeGreaterThan(0);
    expect(wal.length).toBeLessThanOrEqual(4);

    // Reopened, the existing directory is used as it is (the template is not unpacked again).
    const second = await openDatabase({ dataDir, pgliteTemplate: template });
    expect((await migrate(second)).applied).toEqual([]);
    expect((await findSubmissionsByUrl(second, 'https://template.test/')).map((s) => s.id)).toEqual([sub.id]);
    await second.close();
  });
});
