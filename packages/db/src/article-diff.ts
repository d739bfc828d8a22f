/**
 * Word-level diffs between two stored articles, usually two versions of one page (issue 13).
 * The diff itself is @vellum/core's diffWords (jsdiff); this module finds the articles, the
 * version before one, and what each side is.
 */
import { diffWords, type DiffPart } from '@vellum/core';
import type { Queryable } from './database.ts';
import { RecordNotFoundError } from './errors.ts';
import { toDate, toId, type Row } from './sql-values.ts';

/** One side of a diff. */
export interface DiffSide {
  articleId: number;
  /** Its version at its page (1 = first text seen), or null when its capture is not in the page's history. */
  version: number | null;
  canonicalUrl: string;
  url: string;
  title: string | null;
  contentHash: string;
  pipelineVersion: string;
  fetchedAt: Date;
}

export interface ArticleDiff {
  from: DiffSide;
  to: DiffSide;
  /** True when both texts are byte-identical (same content hash). */
  identical: boolean;
  /** Words (runs of non-space) inserted and deleted. */
  stats: { insertedWords: number; deletedWords: number };
  parts: DiffPart[];
}

/** Asked for the version before the first one. */
export class NoPreviousVersionError extends Error {
  readonly code = 'no-previous-version';
  constructor(readonly articleId: number) {
    super(`article ${articleId} is the first version of its page: there is nothing before it to diff against; name another article to compare with`);
    this.name = 'NoPreviousVersionError';
  }
}

interface SideRow extends DiffSide {
  text: string;
}

async function loadSide(q: Queryable, articleId: number): Promise<SideRow> {
  const { rows } = await q.query<Row>(
    `SELECT a.id, a.canonical_url, a.url, a.title, a.content_hash, a.pipeline_version, a.text, c.fetched_at,
            (SELECT h.version FROM article_history h
             WHERE h.canonical_url = a.canonical_url AND h.capture_id = a.capture_id LIMIT 1) AS version
     FROM articles a JOIN captures c ON c.id = a.capture_id
     WHERE a.id = $1`,
    [articleId],
  );
  const row = rows[0];
  if (!row) throw new RecordNotFoundError('article', articleId);
  return {
    articleId: toId(row.id),
    version: row.version === null || row.version === undefined ? null : Number(row.version),
    canonicalUrl: row.canonical_url as string,
    url: row.url as string,
    title: (row.title as string | null) ?? null,
    contentHash: row.content_hash as string,
    pipelineVersion: row.pipeline_version as string,
    fetchedAt: toDate(row.fetched_at),
    text: row.text as string,
  };
}

/** The article of the version before the one `articleId` belongs to, or null for a first version. */
export async function previousVersionArticleId(q: Queryable, articleId: number): Promise<number | null> {
  const side = await loadSide(q, articleId);
  if (side.version === null || side.version <= 1) return null;
  const { rows } = await q.query<Row>('SELECT article_id FROM article_versions WHERE canonical_url = $1 AND version = $2', [
    side.canonicalUrl,
    side.version - 1,
  ]);
  return rows[0] ? toId(rows[0].article_id) : null;
}

const words = (parts: DiffPart[], op: DiffPart['op']): number =>
  parts.filter((p) => p.op === op).reduce((n, p) => n + (p.text.match(/\S+/g)?.length ?? 0), 0);

/**
 * The changes from `againstId`'s text to `articleId`'s (default: from the version before
 * `articleId`'s). Throws RecordNotFoundError for an unknown id, NoPreviousVersionError when
 * no `againstId` is given and `articleId` is a first version.
 */
export async function diffArticles(q: Queryable, articleId: number, againstId?: number | null): Promise<ArticleDiff> {
  const to = await loadSide(q, articleId);
  let fromId = againstId ?? null;
  if (fromId === null) {
    fromId = await previousVersionArticleId(q, articleId);
    if (fromId === null) throw new NoPreviousVersionError(articleId);
  }
  const from = await loadSide(q, fromId);
  const parts = diffWords(from.text, to.text);
  const { text: _fromText, ...fromSide } = from;
  const { text: _toText, ...toSide } = to;
  return {
    from: fromSide,
    to: toSide,
    identical: from.contentHash === to.contentHash,
    stats: { insertedWords: words(parts, 'insert'), deletedWords: words(parts, 'delete') },
    parts,
  };
}
