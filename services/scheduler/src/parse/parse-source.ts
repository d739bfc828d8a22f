import { parseAtom } from './atom.ts';
import { decodeBody, DEFAULT_MAX_DECODED_BYTES, mediaType } from './decode-body.ts';
import type { EntryLimits } from './entry-collector.ts';
import { MalformedSourceError, UnsupportedSourceError } from './errors.ts';
import { isJsonFeed, parseJsonFeed } from './json-feed.ts';
import { parseRss } from './rss.ts';
import { looksLikeTextSitemap, parseSitemap, parseSitemapIndex, parseTextSitemap } from './sitemap.ts';
import { firstElementName, hasHtmlDoctype } from './sniff.ts';
import type { ParsedSource } from './source-types.ts';
import { localName, parseXmlDocument } from './xml-document.ts';

export interface ParseSourceInput {
  /** The response body as received (bytes) or already decoded. */
  body: Uint8Array | string;
  /** The URL the body came from (after redirects): relative links resolve against it. */
  url: string;
  /** The Content-Type response header, if any. */
  contentType?: string | undefined;
}

export interface ParseSourceOptions extends EntryLimits {
  /** Cap on a gzip-compressed body once inflated. Default 50 MiB. */
  maxDecodedBytes?: number;
}

/** What each XML root element is, by local name. */
const XML_ROOTS: Record<string, { kind: ParsedSource['kind']; label: string }> = {
  rss: { kind: 'rss', label: 'RSS feed' },
  RDF: { kind: 'rss', label: 'RSS 1.0 feed' },
  feed: { kind: 'atom', label: 'Atom feed' },
  urlset: { kind: 'sitemap', label: 'sitemap' },
  sitemapindex: { kind: 'sitemap-index', label: 'sitemap index' },
};

const FEED_MEDIA_TYPES: Record<string, string> = {
  'application/rss+xml': 'RSS feed',
  'application/rdf+xml': 'RSS 1.0 feed',
  'application/atom+xml': 'Atom feed',
  'application/feed+json': 'JSON Feed',
  'application/json': 'JSON Feed',
};

/**
 * Detects what a fetched source is and parses it. The body decides (servers mislabel feeds as
 * text/html and text/plain all the time); the Content-Type breaks ties and names what was
 * expected in error messages. An HTML page parses to kind `html` with no entries: the caller
 * runs feed discovery on it. A body that claims to be a feed or sitemap but is broken throws
 * `MalformedSourceError`; one that is none of these throws `UnsupportedSourceError`.
 */
export function parseSource(input: ParseSourceInput, options: ParseSourceOptions = {}): ParsedSource {
  const text = decodeBody(input.body, input.contentType, options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES);
  const mime = mediaType(input.contentType);
  const head = text.trimStart();
  const declared = FEED_MEDIA_TYPES[mime];
  if (head === '') throw new MalformedSourceError(`${declared ?? 'source'} body is empty`);
  if (head.startsWith('{') || head.startsWith('[')) return parseJson(head, input.url, options);
  if (mime === 'application/feed+json') throw new MalformedSourceError('JSON Feed body is not JSON');
  if (head.startsWith('<')) return parseMarkup(text, mime, input.url, options);
  if (looksLikeTextSitemap(text)) return parseTextSitemap(text, input.url, options);
  if (declared) throw new MalformedSourceError(`${declared} body is neither XML nor JSON`);
  throw new UnsupportedSourceError(
    `body is not a feed, a sitemap or an HTML page (content type ${mime || 'not given'})`,
  );
}

function parseJson(text: string, url: string, options: EntryLimits): ParsedSource {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedSourceError(`JSON Feed is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isJsonFeed(value)) {
    throw new UnsupportedSourceError('JSON document is not a JSON Feed (no jsonfeed.org "version")');
  }
  return parseJsonFeed(value, url, options);
}

function parseMarkup(text: string, mime: string, url: string, options: EntryLimits): ParsedSource {
  const first = firstElementName(text);
  const root = first === undefined ? undefined : XML_ROOTS[localName(first)];
  if (root === undefined) {
    const isHtml =
      (first !== undefined && localName(first).toLowerCase() === 'html') ||
      mime === 'text/html' ||
      hasHtmlDoctype(text);
    if (isHtml) return { kind: 'html', entries: [], rejected: [] };
  }
  const label = root?.label ?? FEED_MEDIA_TYPES[mime] ?? 'XML source';
  const doc = parseXmlDocument(text, label);
  switch (localName(doc.rootName)) {
    case 'rss':
    case 'RDF':
      return parseRss(doc, url, options);
    case 'feed':
      return parseAtom(doc, url, options);
    case 'urlset':
      return parseSitemap(doc, url, options);
    case 'sitemapindex':
      return parseSitemapIndex(doc, url);
    default:
      throw new UnsupportedSourceError(
        `XML root element <${doc.rootName}> is not RSS, Atom, a sitemap or a sitemap index`,
      );
  }
}
