export {
  openDatabase,
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
  type Article,
  type NewArticle,
} from './articles.ts';
export { getArticleProvenance, type ArticleProvenance } from './provenance.ts';
export { appendEvent, listEvents, type AuditEvent, type NewEvent } from './events.ts';

// Dedup, versions and reproducibility (issue 7).
export * from './dedup/index.ts';

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
