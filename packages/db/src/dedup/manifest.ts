/**
 * The corpus manifest: one JSON line per article in article id order, and the RFC 6962
 * Merkle root over those lines, so that a downstream user holding a snapshot can check it
 * against a published root.
 *
 * Line format (MANIFEST_FORMAT): a JSON object with exactly these keys in this order, no
 * whitespace, `versions` with its keys sorted (UTF-16 code unit order):
 *   {"id":…,"url":…,"canonicalUrl":…,"captureId":…,"rawSha256":…,"contentHash":…,"pipelineVersion":…,"versions":{…}}
 * Leaves are the UTF-8 bytes of each line without its newline.
 */
import type { Queryable } from '../database.ts';
import { toId, type Row } from '../sql-values.ts';
import { MERKLE_ALGORITHM, MerkleTree } from './merkle.ts';
import { MANIFEST_DEFAULTS } from '../defaults.ts';

export const MANIFEST_FORMAT = 'vellum-manifest/1';

export interface ManifestEntry {
  id: number;
  url: string;
  canonicalUrl: string;
  captureId: number;
  rawSha256: string;
  contentHash: string;
  pipelineVersion: string;
  versions: Record<string, string>;
}

export interface ManifestOptions {
  /**
   * Only the newest pipeline result of each capture; false: every stored result.
   * @defaultValue false
   */
  currentOnly?: boolean;
  /**
   * Rows read per query.
   * @defaultValue 1000
   */
  batchSize?: number;
}

export interface ManifestSummary {
  format: string;
  algorithm: string;
  count: number;
  root: string;
}

function sortedObject(value: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(value).sort()) out[key] = value[key]!;
  return out;
}

/** The manifest line of one entry (no newline). */
export function manifestLine(e: ManifestEntry): string {
  return JSON.stringify({
    id: e.id,
    url: e.url,
    canonicalUrl: e.canonicalUrl,
    captureId: e.captureId,
    rawSha256: e.rawSha256,
    contentHash: e.contentHash,
    pipelineVersion: e.pipelineVersion,
    versions: sortedObject(e.versions),
  });
}

/** Every entry in article id order, read in batches (keyset pagination, constant memory). */
export async function* manifestEntries(q: Queryable, options: ManifestOptions = {}): AsyncGenerator<ManifestEntry> {
  const batchSize = options.batchSize ?? MANIFEST_DEFAULTS.batchSize;
  let afterId = 0;
  for (;;) {
    const { rows } = await q.query<Row>(
      `SELECT a.id, a.url, a.canonical_url, a.capture_id, a.raw_sha256, a.content_hash, a.pipeline_version, a.versions
       FROM articles a
       WHERE a.id > $1
         AND (NOT $2::boolean OR NOT EXISTS (SELECT 1 FROM articles n WHERE n.capture_id = a.capture_id AND n.id > a.id))
       ORDER BY a.id LIMIT $3`,
      [afterId, options.currentOnly ?? MANIFEST_DEFAULTS.currentOnly, batchSize],
    );
    for (const r of rows) {
      yield {
        id: toId(r.id),
        url: r.url as string,
        canonicalUrl: r.canonical_url as string,
        captureId: toId(r.capture_id),
        rawSha256: r.raw_sha256 as string,
        contentHash: r.content_hash as string,
        pipelineVersion: r.pipeline_version as string,
        versions: r.versions as Record<string, string>,
      };
    }
    if (rows.length < batchSize) return;
    afterId = toId(rows[rows.length - 1]!.id);
  }
}

/**
 * Streams the manifest lines to `writeLine` (each without a newline) and returns the root.
 * `writeLine` may return a promise (e.g. to respect a stream's back-pressure).
 */
export async function writeManifest(
  q: Queryable,
  writeLine: (line: string) => void | Promise<void>,
  options: ManifestOptions = {},
): Promise<ManifestSummary> {
  const tree = new MerkleTree();
  for await (const entry of manifestEntries(q, options)) {
    const line = manifestLine(entry);
    tree.push(Buffer.from(line, 'utf8'));
    await writeLine(line);
  }
  return { format: MANIFEST_FORMAT, algorithm: MERKLE_ALGORITHM, count: tree.size, root: tree.root() };
}
