/**
 * The embedded database's Postgres settings, and a template of its data directory.
 *
 * PGlite's defaults are a server's: 128 MB of shared buffers, 100 connections, 16 MB WAL segments
 * with 80 MB kept, and three databases. The embedded archive is one process with one connection,
 * so these settings are sized for that (measured in README.md, "Embedded database").
 *
 * A new data directory costs a run of initdb inside PGlite: a second Postgres instance, about 8 s
 * of CPU and 600+ MB of memory. The template is a data directory made once (by the CLI build,
 * `npm run build`) and unpacked into a new home instead: the same initdb, already run. It holds no
 * Vellum table (migrations run on open as always), and its file name carries the PGlite version
 * and these settings, so a template from another version or other settings is never used.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Applied at every start, so they also hold for data directories made by earlier versions. */
const RUNTIME_SETTINGS = [
  // One backend: shared memory sized for it. Less memory zeroed and touched at start.
  'shared_buffers=8MB',
  'max_connections=4',
  'max_wal_senders=0',
];

/** Written into a new data directory's postgresql.conf (they depend on how initdb made it). */
const INITDB_SETTINGS = [
  ...RUNTIME_SETTINGS,
  // Keep 2 MB of WAL, not 80 MB, and delete old segments instead of renaming them for reuse.
  'min_wal_size=2MB',
  'max_wal_size=32MB',
  'wal_recycle=off',
];

const asFlags = (settings: string[]): string[] => settings.flatMap((s) => ['-c', s]);

/** initdb's parameters: 1 MB WAL segments instead of 16 MB (a new directory has one or two). */
const INITDB_PARAMS = ['--wal-segsize=1', ...asFlags(INITDB_SETTINGS)];

/** PGlite.create's options for the embedded database, given PGlite's default start parameters. */
export function pgliteParams(defaultStartParams: readonly string[]): { startParams: string[]; initDbStartParams: string[] } {
  return { startParams: [...defaultStartParams, ...asFlags(RUNTIME_SETTINGS)], initDbStartParams: [...INITDB_PARAMS] };
}

/** The installed PGlite's version (its package.json is not in its exports map). */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };
      if (manifest.name === '@electric-sql/pglite') return manifest.version;
    } catch {
      // no package.json here: look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the version of @electric-sql/pglite');
    dir = parent;
  }
}

/** The template's file name for this PGlite version and these settings. */
export function pgliteTemplateName(): string {
  const settings = createHash('sha256').update(JSON.stringify([INITDB_PARAMS, RUNTIME_SETTINGS])).digest('hex').slice(0, 12);
  return `pgdata-pglite-${pgliteVersion()}-${settings}.tar.gz`;
}

/** Runs initdb once in memory and writes the resulting data directory to `file` (a .tar.gz). */
export async function writePgliteTemplate(file: string): Promise<void> {
  // Imported here: importing @vellum/db must not load PGlite for Postgres users.
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create(pgliteParams(PGlite.defaultStartParams));
  try {
    // template0 only exists to re-create template1 or databases of other encodings, which the
    // embedded archive never does: 7 MB less in every home.
    await pglite.exec(`UPDATE pg_database SET datistemplate = false WHERE datname = 'template0'`);
    await pglite.exec('DROP DATABASE template0');
    await pglite.exec('CHECKPOINT');
    const tarball = await pglite.dumpDataDir('gzip');
    await writeFile(file, new Uint8Array(await tarball.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}
