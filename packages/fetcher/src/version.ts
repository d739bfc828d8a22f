/**
 * Version of the fetcher's capture behaviour, recorded in every capture. Bump it when what the
 * fetcher sends, follows, decodes or records changes, so stored captures say which rules shaped them.
 */
export const FETCHER_VERSION = '0.2.0';
