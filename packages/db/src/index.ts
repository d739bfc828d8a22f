export { DATABASE_DEFAULTS, EXPORT_DEFAULTS, MANIFEST_DEFAULTS } from './defaults.ts';
export {
  openDatabase,
  pingDatabase,
  DEFAULT_SCHEMA,
  type Database,
  type DatabaseKind,
  type OpenDatabaseOptions,
  type Queryable,
  type QueryResult,
} from './database.ts';
export { pgliteTemplateName, writePgliteTemplate } from './pglite-template.ts';
export { migrate, defaultMigrationsDir, MigrationError, type MigrateOptions, type MigrateResult } from './migrate.ts';
export { RecordNotFoundError, isTransientDatabaseError } from './errors.ts';
export {
  createSubmission,
  getSubmission,
  findSubmissionsByUrl,
  listSubmissions,
  countSubmissionsByStatus,
  updateSubmissionStatus,
  listPendingSubmissions,
  getSubmissionForUpdate,
  getSubmissionAwaitingCapture,
  SUBMISSION_STATUSES,
  PENDING_SUBMISSION_STATUSES,
  type Submission,
  type SubmissionStatus,
  type NewSubmission,
  type StatusUpdate,
} from './submissions.ts';
export { storeBody, getBody, bodySha256, type StoredBody } from './bodies.ts';
export {
  insertCapture,
  getCapture,
  latestCaptureForUrl,
  listCaptures,
  type Capture,
  type CaptureWithBody,
  type CaptureOrigin,
  type CaptureOutcome,
  type NewCapture,
  type RedirectHop,
  type HeaderList,
} from './captures.ts';
export {
  storeArticle,
  getArticle,
  findArticlesByUrl,
  findArticlesByContentHash,
  listArticles,
  countArticles,
  latestArticleIdOfCapture,
  type Article,
  type NewArticle,
} from './articles.ts';
export { getArticleProvenance, captureProvenanceFromRow, type ArticleProvenance, type CaptureProvenance } from './provenance.ts';
export { appendEvent, listEvents, type AuditEvent, type NewEvent } from './events.ts';

// Dedup, versions and reproducibility (issue 7).
export * from './dedup/index.ts';

// Schedules (issue 9), kept here so that SQL lives in one package (issue 15).
export * from './schedules/index.ts';
export * as sqlValues from './sql-values.ts';
export { batchProgress, batchStartId, type BatchProgress } from './batch-progress.ts';
export { findKnownSubmissions, findNewestArticlesByUrl, lockSubmittedUrls, type KnownSubmission } from './submit-lookups.ts';
export {
  countIntegrityRows,
  listBodyKeys,
  getBodiesInRange,
  listArticleHashRecords,
  type IntegrityCounts,
  type BodyKey,
  type ArticleHashRecord,
} from './integrity.ts';
export {
  createApiToken,
  listApiTokens,
  countActiveApiTokens,
  revokeApiToken,
  findApiTokenBySecret,
  hashApiToken,
  checkApiTokenName,
  ApiTokenError,
  API_TOKEN_NAME,
  type ApiToken,
} from './api-tokens.ts';
// Search, browse, versions and diffs (issue 13).
export {
  searchArticles,
  listLatestArticles,
  snippetHtml,
  snippetParts,
  type ArticleSummary,
  type LatestArticle,
  type ListLatestOptions,
  type Page,
  type SearchHit,
  type SearchOptions,
  type SnippetPart,
} from './search.ts';
export {
  InvalidCursorError,
  InvalidFilterError,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type ArticleFilters,
} from './search-input.ts';
export {
  diffArticles,
  previousVersionArticleId,
  NoPreviousVersionError,
  type ArticleDiff,
  type DiffSide,
} from './article-diff.ts';
export { searchQuery } from './search.ts';
export { bulkInsertArticles, type BulkArticle } from './bulk-load.ts';
