/**
 * Runs Readability on the document (which it mutates) and returns the article element itself
 * rather than an HTML string, so blockify walks the live tree without a serialize/parse trip.
 */
import readabilityPackage from '@mozilla/readability/package.json' with { type: 'json' };
import { PermanentError } from '../errors.ts';
import { FasterReadability } from './readability-walks.ts';

export const READABILITY_VERSION: string = readabilityPackage.version;

export interface ReadabilityArticle {
  /** Readability's content root: a <div> holding the article body. */
  content: Element;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  excerpt: string | null;
}

export interface RunReadabilityOptions {
  /**
   * Stop with FirstPassFailed when Readability's first pass finds too little text, instead of
   * letting it start again with fewer rules (extract's fast path then starts over from the
   * whole page). Default: false.
   */
  firstPassOnly?: boolean;
}

/** Readability's first pass found too little text (only with `firstPassOnly`). */
export class FirstPassFailed extends PermanentError<'readability-first-pass'> {
  constructor(message: string) {
    super('readability-first-pass', message);
  }
}

/** Null when Readability finds no article. */
export function runReadability(document: Document, options: RunReadabilityOptions = {}): ReadabilityArticle | null {
  if (options.firstPassOnly && document.body) trapRetry(document.body);
  // Readability itself, with a few checks computed with less work (same answers: readability-walks.ts).
  const article = new FasterReadability<Element>(document, { serializer: (node) => node as Element }).parse();
  if (!article?.content) return null;
  return {
    content: article.content,
    title: text(article.title),
    byline: text(article.byline),
    siteName: text(article.siteName),
    lang: text(article.lang),
    publishedTime: text(article.publishedTime),
    excerpt: text(article.excerpt),
  };
}

/**
 * Readability 0.6.0 serialises the whole body before its first pass (`page.innerHTML`), only to
 * parse it back in when a pass finds too little text and it starts again. With the first pass
 * as the only one, neither is needed: the body answers the read with nothing and the write
 * (the start of a second pass) with FirstPassFailed. If a later Readability read the body's
 * HTML for anything else, the fast path's output would change, which the parity tests catch.
 */
function trapRetry(body: HTMLElement): void {
  Object.defineProperty(body, 'innerHTML', {
    configurable: true,
    get: () => '',
    set: () => {
      throw new FirstPassFailed('Readability needs more than its first pass');
    },
  });
}

function text(value: string | null | undefined): string | null {
  const collapsed = value?.replace(/\s+/g, ' ').trim();
  return collapsed ? collapsed : null;
}
