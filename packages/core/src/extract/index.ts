/**
 * extract(html, { url }): page HTML -> metadata + article blocks, in named phases:
 * prefilter -> parseDocument -> readPageMetadata -> runReadability -> blockify -> close.
 *
 * Never a crash: when building the DOM or reading it throws anything but a Vellum error, the
 * page is read again on the reference DOM (jsdom, loaded only then; the result names it in
 * `dom`), and if that throws too, extract throws UnreadablePageError.
 *
 * The fast path builds the page with Readability's unlikely candidates already emptied by the
 * prefilter (about half the elements of a news page). It is taken only when Readability's first
 * pass succeeds on it; otherwise extract starts again from the page the prefilter keeps whole
 * (`fastPath: false` always does), so both give the same article.
 */
import { InvalidInputError, NotAnArticleError, UnreadablePageError, VellumError } from '../errors.ts';
import { prefilter } from '../prefilter/index.ts';
import type { Block, ExtractResult, PageMetadata } from '../types.ts';
import { blockify } from './blockify.ts';
import { parseDocument, parseDocumentWithJsdom, type ParsedDocument } from './parse-document.ts';
import { normalizePublishedTime } from './published-time.ts';
import { readPageMetadata } from './read-page-metadata.ts';
import { FirstPassFailed, runReadability, type ReadabilityArticle } from './run-readability.ts';
import { MAX_DEPTH_SUM, MAX_TREE_DEPTH } from './tree-depth.ts';
import { EXTRACT_DEFAULTS } from '../defaults.ts';

export { DOM_VERSION } from './parse-document.ts';
export { READABILITY_VERSION } from './run-readability.ts';

/** Bump when the blocks or metadata extract produces for the same HTML change. */
export const EXTRACT_VERSION = '1.3.0';

export interface ExtractOptions {
  /** The page's URL (absolute); relative links, images and the canonical URL resolve against it. */
  url: string;
  /**
   * Try the prefilter's fast path first (see above).
   * @defaultValue true
   */
  fastPath?: boolean;
}

/**
 * Throws InvalidInputError for a URL that is not absolute or a page nested past the bound of
 * tree-depth.ts (MAX_DEPTH_SUM), NotAnArticleError when Readability
 * finds no article, or the article has no text, or no text outside links, UnreadablePageError
 * when neither DOM can be read (see above). Pure: the DOM is built, read and released here.
 */
export function extract(html: string, options: ExtractOptions): ExtractResult {
  return extractWith(html, options, true);
}

/**
 * extract without `contentHtml`: what processPage reads. Serialising the article is work a page
 * that is stored as text does not need.
 */
export function extractArticle(html: string, options: ExtractOptions): Omit<ExtractResult, 'contentHtml'> {
  return extractWith(html, options, false);
}

function extractWith(html: string, options: ExtractOptions, withHtml: true): ExtractResult;
function extractWith(html: string, options: ExtractOptions, withHtml: boolean): Omit<ExtractResult, 'contentHtml'>;
function extractWith(html: string, options: ExtractOptions, withHtml: boolean): Omit<ExtractResult, 'contentHtml'> {
  const url = checkUrl(options.url);
  const prefiltered = prefilter(html);
  if (prefiltered.overNested) {
    throw new InvalidInputError(
      `the page nests its elements too deeply to read: its elements' depths (capped at ${MAX_TREE_DEPTH + 1}) ` +
        `add up to more than ${MAX_DEPTH_SUM.toLocaleString('en')}; no article page comes near that`,
    );
  }
  try {
    const fast =
      prefiltered.withoutUnlikely !== null && (options.fastPath ?? EXTRACT_DEFAULTS.fastPath)
        ? extractFrom(parseDocument, prefiltered.withoutUnlikely, url, 'first-pass-only', withHtml)
        : null;
    return fast ?? extractFrom(parseDocument, prefiltered.html, url, 'any-pass', withHtml);
  } catch (error) {
    if (error instanceof VellumError) throw error;
    return extractOnReference(prefiltered.html, url, error, withHtml);
  }
}

/** The fallback: the whole prefiltered page read on jsdom. `failure` is what the fast DOM threw. */
function extractOnReference(html: string, url: string, failure: unknown, withHtml: boolean): Omit<ExtractResult, 'contentHtml'> {
  try {
    return extractFrom(parseDocumentWithJsdom, html, url, 'any-pass', withHtml);
  } catch (error) {
    if (error instanceof VellumError) throw error;
    const reason = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    throw new UnreadablePageError(
      `the page could not be read: ${reason(failure)} (on the pipeline's DOM), then ${reason(error)} (on the reference DOM, jsdom)`,
      { cause: failure },
    );
  }
}

type Builder = (html: string, url: string) => ParsedDocument;

/**
 * With 'first-pass-only', null when Readability needed more than its first pass (the fast
 * path's page is then not the one Readability would have read).
 */
function extractFrom(build: Builder, html: string, url: string, passes: 'any-pass', withHtml: boolean): Omit<ExtractResult, 'contentHtml'>;
function extractFrom(build: Builder, html: string, url: string, passes: 'first-pass-only', withHtml: boolean): Omit<ExtractResult, 'contentHtml'> | null;
function extractFrom(
  build: Builder,
  html: string,
  url: string,
  passes: 'any-pass' | 'first-pass-only',
  withHtml: boolean,
): Omit<ExtractResult, 'contentHtml'> | null {
  const { document, dom, close } = build(html, url);
  try {
    const declared = readPageMetadata(document, url);
    const firstPassOnly = passes === 'first-pass-only';
    const article = runReadabilityUnlessRetried(document, firstPassOnly);
    if (article === 'retry' || (firstPassOnly && article === null)) return null;
    if (!article) throw new NotAnArticleError('Readability found no article content in the page');
    const blocks = blockify(article.content);
    if (!blocks.some(hasText)) throw new NotAnArticleError('the article Readability found has no text');
    if (!blocks.some(hasTextOutsideLinks)) {
      throw new NotAnArticleError('the article Readability found is nothing but links (a navigation or index page)');
    }
    const result: Omit<ExtractResult, 'contentHtml'> & { contentHtml?: string } = { metadata: mergeMetadata(declared, article), blocks, dom };
    if (withHtml) result.contentHtml = article.content.innerHTML;
    return result;
  } finally {
    close();
  }
}

function runReadabilityUnlessRetried(document: Document, firstPassOnly: boolean): ReadabilityArticle | null | 'retry' {
  try {
    return runReadability(document, { firstPassOnly });
  } catch (error) {
    if (error instanceof FirstPassFailed) return 'retry';
    throw error;
  }
}

function checkUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch (error) {
    throw new InvalidInputError(`the page URL is not an absolute URL: ${JSON.stringify(url)}`, { cause: error });
  }
}

function hasText(block: Block): boolean {
  return block.kind !== 'figure' && block.text.trim() !== '';
}

/** Readability falls back to a page's menus when there is no article; those are all link text. */
function hasTextOutsideLinks(block: Block): boolean {
  if (!hasText(block)) return false;
  // Separators between links (| · • » ›) are symbols, not text: a menu joined by them is still a menu.
  const letters = (text: string): number => text.replace(/[\s\p{P}\p{S}]/gu, '').length;
  const linked = (block.links ?? []).reduce((sum, link) => sum + letters(link.text), 0);
  return letters(block.text) > linked;
}

/** Readability's view wins where it has one; the page's declarations fill the gaps. */
function mergeMetadata(declared: PageMetadata, article: ReadabilityArticle): PageMetadata {
  return {
    ...declared,
    title: article.title ?? declared.title,
    byline: article.byline ?? declared.byline,
    siteName: article.siteName ?? declared.siteName,
    lang: article.lang ?? declared.lang,
    publishedTime: normalizePublishedTime(article.publishedTime) ?? declared.publishedTime,
    excerpt: article.excerpt ?? declared.excerpt,
  };
}
