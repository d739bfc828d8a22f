/**
 * processPage: raw bytes -> PipelineResult, the pure process step:
 * decode -> extract (prefilter, parse, Readability, blocks) -> clean -> blocksToText -> hash.
 * Same raw bytes + same options + same `versions.pipeline` => byte-identical result.
 */
import { clean, cleanVersion, type CleanOptions } from './clean/index.ts';
import { DECODE_VERSION, decodeHtml } from './decode.ts';
import { EXTRACT_VERSION, JSDOM_VERSION, READABILITY_VERSION, extract } from './extract/index.ts';
import { normalizePublishedTime } from './extract/published-time.ts';
import { HASH_VERSION, contentHash, sha256Hex } from './hash.ts';
import { NORMALIZE_VERSION, blocksToText } from './normalize.ts';
import { PREFILTER_VERSION } from './prefilter/index.ts';
import type { CleanResult, ExtractResult, PipelineResult, StageVersions } from './types.ts';

export interface ProcessPageOptions {
  /** The page's URL (absolute): the final URL after redirects, or the URL a file was saved from. */
  url: string;
  /** The response's Content-Type header; its charset parameter takes part in decoding. Default: none. */
  contentType?: string;
  /** Passed to clean(); `url` defaults to the page URL. Default: `{ url }`. */
  cleanOptions?: CleanOptions;
}

/**
 * Runs every pure stage on one page. A string `raw` is taken as already decoded text
 * (charset `utf-8`, rawSha256 over its UTF-8 bytes). Throws InvalidInputError for a bad URL
 * and NotAnArticleError when the page holds no article (both PermanentError).
 */
export function processPage(raw: Uint8Array | string, options: ProcessPageOptions): PipelineResult {
  const { html, charset } = typeof raw === 'string' ? { html: raw, charset: 'utf-8' } : decodeHtml(raw, options.contentType);
  const cleanOptions: CleanOptions = { url: options.url, ...options.cleanOptions };
  const extracted = extract(html, { url: options.url });
  const cleaned = clean(extracted.blocks, cleanOptions);
  const text = blocksToText(cleaned.blocks);
  return assembleResult(extracted, cleaned, {
    text,
    contentHash: contentHash(text),
    rawSha256: sha256Hex(raw),
    charset,
    versions: pipelineVersions(cleanOptions),
  });
}

interface Computed {
  text: string;
  contentHash: string;
  rawSha256: string;
  charset: string;
  versions: StageVersions;
}

/** Chooses each field between Readability's view, the page's JSON-LD and the cleaner's findings. */
function assembleResult(extracted: ExtractResult, cleaned: CleanResult, computed: Computed): PipelineResult {
  const { metadata } = extracted;
  const jsonLd = metadata.jsonLd;
  const jsonLdAuthors = jsonLd?.authors ?? [];
  const byline = metadata.byline ?? (jsonLdAuthors.length > 0 ? jsonLdAuthors.join(', ') : null);
  let authors: string[] = [];
  if (cleaned.authors.length > 0) authors = cleaned.authors;
  else if (jsonLdAuthors.length > 0) authors = jsonLdAuthors;
  else if (byline) authors = [byline];
  return {
    title: metadata.title ?? jsonLd?.headline ?? null,
    byline,
    siteName: metadata.siteName,
    lang: metadata.lang,
    publishedAt: normalizePublishedTime(jsonLd?.datePublished) ?? metadata.publishedTime,
    canonicalUrl: metadata.canonicalUrl ?? metadata.ogUrl,
    text: computed.text,
    contentHash: computed.contentHash,
    rawSha256: computed.rawSha256,
    removed: cleaned.removed,
    authors: [...authors],
    media: cleaned.media,
    versions: computed.versions,
    charset: computed.charset,
    excerpt: metadata.excerpt,
  };
}

/**
 * The versions of every stage and library that shape a result. `pipeline` is derived from
 * all the others, so it changes whenever any of them does.
 */
export function pipelineVersions(cleanOptions: CleanOptions = {}): StageVersions {
  const stages = {
    decode: DECODE_VERSION,
    prefilter: PREFILTER_VERSION,
    extract: EXTRACT_VERSION,
    clean: cleanVersion(cleanOptions),
    normalize: NORMALIZE_VERSION,
    hash: HASH_VERSION,
    readability: READABILITY_VERSION,
    jsdom: JSDOM_VERSION,
  };
  const fingerprint = Object.entries(stages)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, version]) => `${name}=${version}`)
    .join('\n');
  return { pipeline: `1-${sha256Hex(fingerprint).slice(0, 12)}`, ...stages };
}
