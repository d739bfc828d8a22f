/**
 * processPage: raw bytes -> PipelineResult, the pure process step:
 * decode -> extract (prefilter, parse, Readability, blocks) -> clean -> blocksToText -> hash.
 * Same raw bytes + same options + same `versions.pipeline` => byte-identical result.
 */
import { clean, cleanVersion, type CleanOptions, type CleanTrace } from './clean/index.ts';
import { DECODE_VERSION, decodeHtml, type CharsetSource } from './decode.ts';
import { DOM_VERSION, EXTRACT_VERSION, READABILITY_VERSION, extractArticle } from './extract/index.ts';
import { normalizePublishedTime } from './extract/published-time.ts';
import { HASH_VERSION, contentHash, sha256Hex } from './hash.ts';
import { NORMALIZE_VERSION, blocksToText } from './normalize.ts';
import { HTMLPARSER2_VERSION } from './prefilter/htmlparser2-version.ts';
import { PREFILTER_VERSION } from './prefilter/index.ts';
import { checkMinimumText, gateVersion } from './quality-gate.ts';
import { storableResult } from './storable.ts';
import type { CleanResult, ExtractResult, PipelineResult, StageVersions } from './types.ts';

export interface ProcessPageOptions {
  /** The page's URL (absolute): the final URL after redirects, or the URL a file was saved from. */
  url: string;
  /**
   * The response's Content-Type header; its charset parameter takes part in decoding.
   * @defaultValue none
   */
  contentType?: string;
  /**
   * Passed to clean(); `url`, `title` and `byline` default to the page's.
   * @defaultValue `{ url, title, byline }`
   */
  cleanOptions?: CleanOptions;
  /**
   * The quality gate: fewer characters of cleaned text than this (whitespace not counted) is
   * NotAnArticleError. Recorded in `versions.gate` (DEFAULT_MIN_TEXT_CHARS).
   * @defaultValue 50
   */
  minTextChars?: number;
}

/**
 * Runs every pure stage on one page. A string `raw` is taken as already decoded text
 * (charset `utf-8`, charsetSource `text`, rawSha256 over its UTF-8 bytes). Throws InvalidInputError for a bad URL
 * and NotAnArticleError when the page holds no article or too little text for one (both
 * PermanentError).
 */
export function processPage(raw: Uint8Array | string, options: ProcessPageOptions): PipelineResult {
  const { extracted, chosen, cleaned, cleanOptions, text, charset, charsetSource } = runTextStages(raw, options);
  checkMinimumText(text, options.minTextChars);
  // Every text field as the archive can store it (no U+0000), each change recorded in `removed`.
  return storableResult(assembleResult(chosen, cleaned, {
    text,
    contentHash: contentHash(text),
    rawSha256: sha256Hex(raw),
    charset,
    charsetSource,
    versions: pipelineVersions(cleanOptions, { minTextChars: options.minTextChars, dom: extracted.dom }),
  }));
}

/** What the stages up to the text produce, for processPage and for the audit view (audit/). */
export interface TextStages {
  extracted: Omit<ExtractResult, 'contentHtml'>;
  chosen: ChosenMetadata;
  cleanOptions: CleanOptions;
  cleaned: CleanResult;
  text: string;
  charset: string;
  charsetSource: CharsetSource;
}

/** decode -> extract -> clean -> text, exactly as processPage runs them; `trace` as clean() takes it. */
export function runTextStages(raw: Uint8Array | string, options: ProcessPageOptions, trace?: CleanTrace): TextStages {
  const { html, charset, charsetSource } =
    typeof raw === 'string' ? { html: raw, charset: 'utf-8', charsetSource: 'text' as const } : decodeHtml(raw, options.contentType);
  // extractArticle: the article's HTML is never serialised, nothing here reads it.
  const extracted = extractArticle(html, { url: options.url });
  const chosen = chooseMetadata(extracted);
  // The cleaner drops head blocks that repeat the title and turns byline repeats into authors.
  const cleanOptions: CleanOptions = { url: options.url, title: chosen.title, byline: chosen.byline, ...options.cleanOptions };
  const cleaned = clean(extracted.blocks, cleanOptions, trace);
  return { extracted, chosen, cleanOptions, cleaned, text: blocksToText(cleaned.blocks), charset, charsetSource };
}

type ChosenMetadata = Pick<
  PipelineResult,
  'title' | 'byline' | 'siteName' | 'lang' | 'publishedAt' | 'canonicalUrl' | 'ogUrl' | 'excerpt'
> & { jsonLdAuthors: string[] };

/** Chooses each field between Readability's view and what the page declares (JSON-LD, links). */
function chooseMetadata({ metadata }: Pick<ExtractResult, 'metadata'>): ChosenMetadata {
  const jsonLd = metadata.jsonLd;
  const jsonLdAuthors = jsonLd?.authors ?? [];
  return {
    title: metadata.title ?? jsonLd?.headline ?? null,
    byline: metadata.byline ?? (jsonLdAuthors.length > 0 ? jsonLdAuthors.join(', ') : null),
    siteName: metadata.siteName,
    lang: metadata.lang,
    publishedAt: normalizePublishedTime(jsonLd?.datePublished) ?? metadata.publishedTime,
    canonicalUrl: metadata.canonicalUrl ?? metadata.ogUrl,
    ogUrl: metadata.ogUrl,
    excerpt: metadata.excerpt,
    jsonLdAuthors,
  };
}

interface Computed {
  text: string;
  contentHash: string;
  rawSha256: string;
  charset: string;
  charsetSource: CharsetSource;
  versions: StageVersions;
}

/** Authors: the cleaner's (bylines found in the text), else JSON-LD's, else the byline itself. */
function assembleResult(chosen: ChosenMetadata, cleaned: CleanResult, computed: Computed): PipelineResult {
  let authors: string[] = [];
  if (cleaned.authors.length > 0) authors = cleaned.authors;
  else if (chosen.jsonLdAuthors.length > 0) authors = chosen.jsonLdAuthors;
  else if (chosen.byline) authors = [chosen.byline];
  return {
    title: chosen.title,
    byline: chosen.byline,
    siteName: chosen.siteName,
    lang: chosen.lang,
    publishedAt: chosen.publishedAt,
    canonicalUrl: chosen.canonicalUrl,
    ogUrl: chosen.ogUrl,
    text: computed.text,
    contentHash: computed.contentHash,
    rawSha256: computed.rawSha256,
    removed: cleaned.removed,
    authors: [...authors],
    media: cleaned.media,
    versions: computed.versions,
    charset: computed.charset,
    charsetSource: computed.charsetSource,
    excerpt: chosen.excerpt,
  };
}

/**
 * The versions of every stage and library that shape a result. `pipeline` is derived from
 * all the others, so it changes whenever any of them does. `dom` is the DOM the page was read
 * on (ExtractResult.dom): the pipeline's (DOM_VERSION, the default), or jsdom after a fallback.
 */
export function pipelineVersions(
  cleanOptions: CleanOptions = {},
  options: { minTextChars?: number; dom?: string } = {},
): StageVersions {
  const clean = cleanVersion(cleanOptions);
  const gate = gateVersion(options.minTextChars);
  const dom = options.dom ?? DOM_VERSION;
  // Every page asks; only the clean version varies (with the site rules for the page's host),
  // the gate's with the operator's minimum, and rarely the DOM.
  const key = `${clean}\n${gate}\n${dom}`;
  let versions = versionsByClean.get(key);
  if (versions === undefined) {
    versions = computeVersions(clean, gate, dom);
    if (versionsByClean.size >= 64) versionsByClean.clear();
    versionsByClean.set(key, versions);
  }
  return { ...versions };
}

const versionsByClean = new Map<string, StageVersions>();

function computeVersions(clean: string, gate: string, dom: string): StageVersions {
  const stages = {
    decode: DECODE_VERSION,
    prefilter: PREFILTER_VERSION,
    extract: EXTRACT_VERSION,
    clean,
    normalize: NORMALIZE_VERSION,
    hash: HASH_VERSION,
    gate,
    readability: READABILITY_VERSION,
    // The DOM the page was actually read on, with any patch to it.
    dom,
    // The prefilter's HTML tokenizer, with its (speed-only) patch when applied.
    htmlparser2: HTMLPARSER2_VERSION,
  };
  const fingerprint = Object.entries(stages)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, version]) => `${name}=${version}`)
    .join('\n');
  return { pipeline: `1-${sha256Hex(fingerprint).slice(0, 12)}`, ...stages };
}
