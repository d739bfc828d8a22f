/** Dedup, versions and reproducibility: the surface @vellum/db re-exports. */
export {
  indexArticle,
  findCandidates,
  listSimilarArticles,
  listUnindexedArticles,
  indexPendingArticles,
  type IndexableArticle,
  type IndexArticleOptions,
  type IndexArticleResult,
  type NearDuplicateCandidate,
  type SimilarArticle,
} from './near-duplicates.ts';
export {
  getWork,
  listArticleVersions,
  latestArticleVersion,
  canonicalUrlFor,
  getArticleHistory,
  type Work,
  type WorkCapture,
  type ArticleVersion,
  type HistoryEntry,
} from './works-versions.ts';
export {
  countReprocessCaptures,
  listReprocessCaptures,
  listArticleVersionRecords,
  type CaptureSelection,
  type ReprocessCapture,
  type ArticleVersionRecord,
} from './selection.ts';
export {
  MANIFEST_FORMAT,
  manifestLine,
  manifestEntries,
  writeManifest,
  type ManifestEntry,
  type ManifestOptions,
  type ManifestSummary,
} from './manifest.ts';
export { MERKLE_ALGORITHM, MerkleTree, merkleRoot, merkleLeafHash } from './merkle.ts';
export { exportRecords, type ExportRecord, type ExportProvenance, type ExportOptions } from './export-rows.ts';
