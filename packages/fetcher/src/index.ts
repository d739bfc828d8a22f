/**
 * @vellum/fetcher: polite, guarded HTTP capture and WARC export.
 */
export { createFetcher } from './fetcher.ts';
export type { ConditionalRequest, Fetcher, FetchOptions } from './fetcher.ts';
export type { FetcherOptions, ResolvedFetcherOptions, SettingNames } from './options.ts';
export { DEFAULT_CONTACT_URL, resolveOptions } from './options.ts';
export type {
  CaptureOutcome,
  CaptureRecord,
  CaptureReference,
  ContentClass,
  HeaderPairs,
  RedirectHop,
} from './capture.ts';
export { FETCHER_VERSION } from './version.ts';
export type { FetchTimings } from './fetch-facts.ts';
export { addressRange } from './address-guard.ts';
export { parseContentType } from './content-class.ts';
export * from './errors.ts';
export { writeWarc } from './warc/write-warc.ts';
export type { WarcCapture, WarcInfo, WarcWriteSummary, WriteWarcOptions } from './warc/write-warc.ts';
export { warcCaptureFromStored, type StoredCaptureFields } from './warc/stored-capture.ts';
export { readWarc } from './warc/read-warc.ts';
export type { WarcEntry } from './warc/read-warc.ts';
