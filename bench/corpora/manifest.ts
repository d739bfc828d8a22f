/**
 * The committed provenance of the parity corpora: sources.lock.json (per corpus: repository,
 * pinned commit, licence, what it is) and manifest.tsv (per page: path in that repository,
 * sha256, ground-truth path and sha256 if any, URL given to the extractor).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ManifestEntry } from './sources.ts';

export const corporaDir = path.dirname(fileURLToPath(import.meta.url));
/** The assembled corpora (gitignored). */
export const dataDir = path.join(corporaDir, 'data');
/** The committed sample the CI parity test reads. */
export const sampleDir = path.join(corporaDir, 'sample');

const manifestFile = path.join(corporaDir, 'manifest.tsv');
const lockFile = path.join(corporaDir, 'sources.lock.json');
const COLUMNS = ['corpus', 'id', 'path', 'sha256', 'truthPath', 'truthSha256', 'url'] as const;

export type Lock = Record<string, { repo: string; commit: string; licence: string; about: string }>;

export function readLock(): Lock {
  return fs.existsSync(lockFile) ? (JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Lock) : {};
}

export function writeLock(lock: Lock): void {
  fs.writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
}

export function readManifest(): ManifestEntry[] {
  if (!fs.existsSync(manifestFile)) return [];
  const [header, ...lines] = fs.readFileSync(manifestFile, 'utf8').split('\n').filter(Boolean);
  if (header !== COLUMNS.join('\t')) throw new Error(`${manifestFile}: unexpected header`);
  return lines.map((line) => {
    const cells = line.split('\t');
    const e: Record<string, string> = {};
    for (const [i, c] of COLUMNS.entries()) if (cells[i]) e[c] = cells[i]!;
    return e as unknown as ManifestEntry;
  });
}

export function writeManifest(entries: ManifestEntry[]): void {
  const order = (e: ManifestEntry) => `${e.corpus}\0${e.id}`;
  const sorted = [...entries].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  for (const e of sorted) for (const c of COLUMNS) if (/[\t\n]/.test(e[c] ?? '')) throw new Error(`tab or newline in ${c} of ${e.corpus}/${e.id}`);
  const lines = sorted.map((e) => COLUMNS.map((c) => e[c] ?? '').join('\t'));
  fs.writeFileSync(manifestFile, `${[COLUMNS.join('\t'), ...lines].join('\n')}\n`);
}
