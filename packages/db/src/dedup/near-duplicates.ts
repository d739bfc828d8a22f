/**
 * Near-duplicate index: fingerprints, LSH band buckets, candidate lookup and links.
 *
 * The fingerprint and similarity functions come from @vellum/core (`nearDuplicateScheme`),
 * passed in by the caller: this package imports only core's types.
 */
import type { NearDuplicateScheme } from '@vellum/core';
import type { Queryable } from '../database.ts';
import { toDate, toId, type Row } from '../sql-values.ts';

/** The parts of an article the index reads. */
export interface IndexableArticle {
  id: number;
  captureId: number;
  contentHash: string;
  text: string;
}

export interface NearDuplicateCandidate extends IndexableArticle {
  canonicalUrl: string;
}

export interface IndexArticleOptions {
  /**
   * At most this many candidates are scored, the most recent first. Bounds the cost of storing
   * one more copy of a story the archive already holds hundreds of times. Default 200.
   */
  maxCandidates?: number;
  /** Recorded on the `linked` event. */
  actor?: string | null;
}

export interface IndexArticleResult {
  /** False when the article had been indexed before (nothing new is stored for it then). */
  fingerprinted: boolean;
  shingleCount: number;
  bands: number;
  candidates: number;
  links: Array<{ linkedArticleId: number; score: number }>;
}

/**
 * Fingerprints an article, stores its band buckets, scores the candidates that share a bucket
 * and links those at or above the scheme's threshold. Candidates are current results (newest
 * pipeline run) of other captures with a different content hash: the same text is the same
 * work, not a near-duplicate. Idempotent: a second call stores nothing new.
 */
export async function indexArticle(
  q: Queryable,
  article: IndexableArticle,
  scheme: NearDuplicateScheme,
  options: IndexArticleOptions = {},
): Promise<IndexArticleResult> {
  const fp = scheme.fingerprint(article.text);
  const fingerprinted = await storeFingerprint(q, article.id, scheme.method, fp.shingleCount, fp.bands);
  const candidates = fp.bands.length
    ? await findCandidates(q, article, fp.bands, scheme.method, options.maxCandidates ?? 200)
    : [];
  const links = scoreCandidates(article.text, candidates, scheme);
  if (links.length) await storeLinks(q, article.id, links, scheme.method, options.actor ?? null);
  return { fingerprinted, shingleCount: fp.shingleCount, bands: fp.bands.length, candidates: candidates.length, links };
}

async function storeFingerprint(
  q: Queryable,
  articleId: number,
  method: string,
  shingleCount: number,
  bands: number[],
): Promise<boolean> {
  const { rows } = await q.query<Row>(
    `INSERT INTO article_fingerprints (article_id, method, shingle_count) VALUES ($1, $2, $3)
     ON CONFLICT (article_id) DO NOTHING RETURNING article_id`,
    [articleId, method, shingleCount],
  );
  if (!rows[0]) return false;
  if (bands.length) {
    await q.query(
      `INSERT INTO article_lsh_bands (band, bucket, article_id)
       SELECT (t.ord - 1)::smallint, t.bucket, $2 FROM unnest($1::integer[]) WITH ORDINALITY AS t(bucket, ord)
       ON CONFLICT DO NOTHING`,
      [bands, articleId],
    );
  }
  return true;
}

/** Articles sharing at least one band bucket with `bands`: an index probe per band. */
export async function findCandidates(
  q: Queryable,
  article: Pick<IndexableArticle, 'id' | 'captureId' | 'contentHash'>,
  bands: number[],
  /** Only buckets computed by the same method are comparable. */
  method: string,
  limit = 200,
): Promise<NearDuplicateCandidate[]> {
  const { rows } = await q.query<Row>(
    `SELECT a.id, a.capture_id, a.canonical_url, a.content_hash, a.text
     FROM articles a
     WHERE a.id IN (
       SELECT b.article_id
       FROM unnest($1::integer[]) WITH ORDINALITY AS t(bucket, ord)
       JOIN article_lsh_bands b ON b.band = t.ord - 1 AND b.bucket = t.bucket
       JOIN article_fingerprints f ON f.article_id = b.article_id AND f.method = $6
       WHERE b.article_id <> $2)
     AND a.capture_id <> $3
     AND a.content_hash <> $4
     AND NOT EXISTS (SELECT 1 FROM articles n WHERE n.capture_id = a.capture_id AND n.id > a.id)
     ORDER BY a.id DESC
     LIMIT $5`,
    [bands, article.id, article.captureId, article.contentHash, limit, method],
  );
  return rows.map(candidateFromRow);
}

function scoreCandidates(
  text: string,
  candidates: NearDuplicateCandidate[],
  scheme: NearDuplicateScheme,
): Array<{ linkedArticleId: number; score: number }> {
  const links: Array<{ linkedArticleId: number; score: number }> = [];
  if (candidates.length === 0) return links;
  const scoreOf = scheme.similarityTo(text);
  for (const c of candidates) {
    const score = scoreOf(c.text);
    if (score >= scheme.threshold) links.push({ linkedArticleId: c.id, score });
  }
  return links;
}

async function storeLinks(
  q: Queryable,
  articleId: number,
  links: Array<{ linkedArticleId: number; score: number }>,
  method: string,
  actor: string | null,
): Promise<void> {
  await q.query(
    `WITH ins AS (
       INSERT INTO article_links (article_id, linked_article_id, kind, score, method)
       SELECT $1, t.linked, 'near-duplicate', t.score, $4
       FROM unnest($2::bigint[], $3::double precision[]) AS t(linked, score)
       ON CONFLICT DO NOTHING
       RETURNING linked_article_id, score
     )
     INSERT INTO events (entity, entity_id, action, actor, details)
     SELECT 'article', $1, 'linked', $5,
            jsonb_build_object('kind', 'near-duplicate', 'method', $4::text,
              'links', jsonb_agg(jsonb_build_object('articleId', linked_article_id, 'score', score) ORDER BY linked_article_id))
     FROM ins HAVING count(*) > 0`,
    [articleId, links.map((l) => l.linkedArticleId), links.map((l) => l.score), method, actor],
  );
}

/** One near-duplicate of an article, whichever of the two recorded the link. */
export interface SimilarArticle {
  articleId: number;
  score: number;
  method: string;
  linkedAt: Date;
  canonicalUrl: string;
  title: string | null;
  siteName: string | null;
  contentHash: string;
}

/** Near-duplicates linked to an article, best score first. */
export async function listSimilarArticles(q: Queryable, articleId: number): Promise<SimilarArticle[]> {
  const { rows } = await q.query<Row>(
    `SELECT a.id, l.score, l.method, l.created_at, a.canonical_url, a.title, a.site_name, a.content_hash
     FROM (
       SELECT linked_article_id AS other, score, method, created_at FROM article_links WHERE article_id = $1
       UNION ALL
       SELECT article_id AS other, score, method, created_at FROM article_links WHERE linked_article_id = $1
     ) l
     JOIN articles a ON a.id = l.other
     ORDER BY l.score DESC, a.id`,
    [articleId],
  );
  return rows.map((r) => ({
    articleId: toId(r.id),
    score: Number(r.score),
    method: r.method as string,
    linkedAt: toDate(r.created_at),
    canonicalUrl: r.canonical_url as string,
    title: (r.title as string | null) ?? null,
    siteName: (r.site_name as string | null) ?? null,
    contentHash: r.content_hash as string,
  }));
}

/**
 * Current articles (newest pipeline result of their capture) not fingerprinted yet, oldest
 * first: what `indexArticle` still has to see, e.g. rows stored before this index existed.
 */
export async function listUnindexedArticles(
  q: Queryable,
  options: { afterId?: number; limit?: number } = {},
): Promise<NearDuplicateCandidate[]> {
  const { rows } = await q.query<Row>(
    `SELECT a.id, a.capture_id, a.canonical_url, a.content_hash, a.text
     FROM articles a
     WHERE a.id > $1
       AND NOT EXISTS (SELECT 1 FROM article_fingerprints f WHERE f.article_id = a.id)
       AND NOT EXISTS (SELECT 1 FROM articles n WHERE n.capture_id = a.capture_id AND n.id > a.id)
     ORDER BY a.id LIMIT $2`,
    [options.afterId ?? 0, options.limit ?? 500],
  );
  return rows.map(candidateFromRow);
}

/**
 * Indexes every current article not fingerprinted yet, oldest first (so links point from newer
 * to older, as at store time). Returns how many were indexed and how many links they made.
 */
export async function indexPendingArticles(
  q: Queryable,
  scheme: NearDuplicateScheme,
  options: IndexArticleOptions & { onArticle?: (result: IndexArticleResult) => void } = {},
): Promise<{ indexed: number; links: number }> {
  let afterId = 0;
  let indexed = 0;
  let links = 0;
  for (;;) {
    const batch = await listUnindexedArticles(q, { afterId, limit: 200 });
    for (const article of batch) {
      const result = await indexArticle(q, article, scheme, options);
      indexed++;
      links += result.links.length;
      options.onArticle?.(result);
    }
    if (batch.length < 200) return { indexed, links };
    afterId = batch[batch.length - 1]!.id;
  }
}

function candidateFromRow(r: Row): NearDuplicateCandidate {
  return {
    id: toId(r.id),
    captureId: toId(r.capture_id),
    canonicalUrl: r.canonical_url as string,
    contentHash: r.content_hash as string,
    text: r.text as string,
  };
}
