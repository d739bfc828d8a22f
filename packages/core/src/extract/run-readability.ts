/**
 * Runs Readability on the document (which it mutates) and returns the article element itself
 * rather than an HTML string, so blockify walks the live tree without a serialize/parse trip.
 */
import { Readability } from '@mozilla/readability';
import readabilityPackage from '@mozilla/readability/package.json' with { type: 'json' };

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

/** Null when Readability finds no article. */
export function runReadability(document: Document): ReadabilityArticle | null {
  const article = new Readability<Element>(document, { serializer: (node) => node as Element }).parse();
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

function text(value: string | null | undefined): string | null {
  const collapsed = value?.replace(/\s+/g, ' ').trim();
  return collapsed ? collapsed : null;
}
