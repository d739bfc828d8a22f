/** @vellum/core: the pure pipeline stages, their types and errors. No I/O. */

export type {
  Block,
  BlockKind,
  CleanResult,
  ExtractResult,
  MediaItem,
  PageMetadata,
  PipelineResult,
  RemovedItem,
  StageVersions,
} from './types.ts';
export {
  InvalidInputError,
  NotAnArticleError,
  PermanentError,
  TransientError,
  UnreadablePageError,
  VellumError,
  isRetryable,
  type CoreErrorCode,
} from './errors.ts';

export { DECODE_VERSION, chooseEncoding, decodeHtml, type CharsetSource, type DecodedHtml } from './decode.ts';
export { PREFILTER_VERSION, prefilter, prefilterHtml, type Prefiltered } from './prefilter/index.ts';
export {
  DOM_VERSION,
  EXTRACT_VERSION,
  READABILITY_VERSION,
  extract,
  type ExtractOptions,
} from './extract/index.ts';
export {
  BUILT_IN_RULES,
  CLEAN_VERSION,
  InvalidSiteRulesError,
  clean,
  cleanVersion,
  parseSiteRules,
  rulesInForce,
  type CleanOptions,
  type CleanRule,
  type SiteRuleConfig,
} from './clean/index.ts';
export { NORMALIZE_VERSION, blocksToText, normalize, type TextBlock } from './normalize.ts';
export { HASH_VERSION, contentHash, sha256Hex } from './hash.ts';
export { UNSTORABLE_RULE, storableResult, storableText } from './storable.ts';
export { MAX_DEPTH_SUM, MAX_TREE_DEPTH, insertionParent, type ParentLink } from './extract/tree-depth.ts';
export { pipelineVersions, processPage, type ProcessPageOptions } from './pipeline.ts';
export {
  layoutRemovals,
  segmentsOf,
  type LaidOutBlock,
  type LaidOutSegment,
  type RemovalLayout,
  type StoredRemovals,
} from './audit/removal-layout.ts';
export { DEFAULT_MIN_TEXT_CHARS, GATE_VERSION, checkMinimumText, gateVersion, textSize } from './quality-gate.ts';

// Modules other work owns; their whole surface passes through.
export * from './canonical-url.ts';
export { MAX_SUBMITTER_LENGTH, checkSubmittedUrl, checkSubmitter, redactUrl, type SubmittedUrl } from './submitted-url.ts';
export * from './fingerprint.ts';
export { DEFAULT_MAX_EDIT_LENGTH, diffWords, type DiffOp, type DiffPart, type DiffWordsOptions } from './diff-words.ts';
export { DIFF_WORDS_DEFAULTS, EXTRACT_DEFAULTS, PROCESS_PAGE_DEFAULTS } from './defaults.ts';
