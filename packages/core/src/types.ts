/**
 * The data that flows between the pure stages. Everything here is plain data (no DOM), so a
 * result can be serialized, stored and compared byte for byte.
 */

import type { CharsetSource } from './decode.ts';

/** What kind of block of the article body a piece of text came from. */
export type BlockKind =
  | 'heading'
  | 'paragraph'
  | 'list-item'
  | 'quote'
  | 'preformatted'
  | 'figure'
  | 'caption'
  | 'table-row'
  | 'other';

/**
 * One block of the extracted article body, in document order. `text` is the block's visible
 * text with inline whitespace collapsed (not yet fully normalized).
 */
export interface Block {
  kind: BlockKind;
  text: string;
  /** Heading level 1-6 for `heading`. */
  level?: number;
  /** For blocks inside a list: an id shared by the items of one list. */
  listId?: number;
  /** For `figure`: the image source (absolute URL when resolvable). */
  src?: string;
  /** For `figure`: the image's alt text. */
  alt?: string;
  /** For `figure`: its figcaption text, if any. */
  caption?: string;
  /** Links in the block: their text and href, used by rules that spot link-only lines. */
  links?: Array<{ text: string; href: string }>;
}

/** Metadata a page declares about itself, read before and beside Readability. */
export interface PageMetadata {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  /** ISO 8601 when parseable, else the page's own string. */
  publishedTime: string | null;
  excerpt: string | null;
  /** `<link rel=canonical>`, resolved against the page URL. */
  canonicalUrl: string | null;
  /** `<meta property=og:url>`, resolved against the page URL. */
  ogUrl: string | null;
  /** The first JSON-LD NewsArticle/Article/BlogPosting found. */
  jsonLd: { type: string; headline: string | null; authors: string[]; datePublished: string | null } | null;
}

export interface ExtractResult {
  metadata: PageMetadata;
  /** The article body as blocks, in document order. */
  blocks: Block[];
  /** The article body HTML as Readability returned it (kept for audit, not hashed). */
  contentHtml: string;
  /** The DOM the article was read on (`versions.dom`): the pipeline's, or jsdom after a fallback. */
  dom: string;
}

/** One piece of text a cleaning rule took out of the article. */
export interface RemovedItem {
  /** The rule's id, e.g. `newsletter-prompt`. */
  rule: string;
  /** The exact text removed. */
  text: string;
  /** Index of the block (in the extracted blocks) it came from. */
  position: number;
}

export interface MediaItem {
  src: string | null;
  caption: string | null;
  credit: string | null;
}

export interface CleanResult {
  blocks: Block[];
  removed: RemovedItem[];
  /** Authors found in bylines, in order of appearance, de-duplicated. */
  authors: string[];
  media: MediaItem[];
}

/** Versions of every stage and library that shaped a result. Recorded with every article. */
export interface StageVersions {
  pipeline: string;
  prefilter: string;
  extract: string;
  clean: string;
  normalize: string;
  hash: string;
  readability: string;
  /** The DOM the page was read on, e.g. `parse5@8.1.1+linkedom@0.18.14+vellum.5`, or `jsdom@29.1.1` after a fallback. */
  dom: string;
  [other: string]: string;
}

/** The output of `vellum extract --json`; other tools rely on this exact shape. */
export interface PipelineResult {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedAt: string | null;
  /** `<link rel=canonical>`, else og:url, resolved against the page URL. */
  canonicalUrl: string | null;
  /** `<meta property=og:url>` as the page declares it, resolved. */
  ogUrl: string | null;
  text: string;
  contentHash: string;
  rawSha256: string;
  removed: RemovedItem[];
  authors: string[];
  media: MediaItem[];
  versions: StageVersions;
  /** Charset the raw bytes were decoded with. */
  charset: string;
  /** The rule that chose it: declared (`bom`, `content-type`, `meta`) or guessed (`valid-utf-8`, `detector`, `default`). */
  charsetSource: CharsetSource;
  excerpt: string | null;
}
