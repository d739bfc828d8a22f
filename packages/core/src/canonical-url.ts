/**
 * Canonical URLs: one spelling per article address, so that the same article reached through
 * two URLs (a tracking link, an upper-case host, a `#comments` anchor, `:443`) is one article.
 *
 * Construction (CANONICAL_URL_VERSION 1), applied in this order:
 *  1. parse with the WHATWG URL parser (lower-cases scheme and host, turns IDN hosts into
 *     punycode, drops the scheme's default port, resolves `.` and `..` path segments);
 *     only http and https are accepted;
 *  2. host: a trailing dot is dropped (`example.com.` names the same host as `example.com`);
 *  3. user name and password are dropped (credentials never name an article);
 *  4. fragment dropped;
 *  5. path: percent-escapes get upper-case hex, escapes of unreserved characters
 *     (A-Z a-z 0-9 - . _ ~) are decoded (RFC 3986 section 6.2.2);
 *  6. query: tracking parameters (see TRACKING_PARAMS) removed, matched case-insensitively;
 *     the rest sorted by name (stable: the order of repeated names is kept) and re-encoded as
 *     application/x-www-form-urlencoded, so `a%20b` and `a+b` agree; an empty query is dropped.
 *
 * Deliberately NOT done, because two such URLs may well be two different pages: `www.` is not
 * stripped, a trailing slash is neither added nor removed, path case is kept, http is not
 * upgraded to https, and parameters such as `ref`, `source` or `page` are kept.
 */
import { InvalidInputError } from './errors.ts';

export const CANONICAL_URL_VERSION = '1';

/**
 * Query parameters that only say how a reader arrived (campaign, click and session ids of ad
 * networks, mail tools and social sites). Names are compared lower-cased.
 */
export const TRACKING_PARAMS: readonly string[] = [
  // Google Analytics / Ads and DoubleClick
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', '_ga', '_gl', 'gad_source',
  // Meta, Instagram, Microsoft, Yandex, Twitter/X, TikTok, LinkedIn
  'fbclid', 'igshid', 'igsh', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'ref_src', 'ref_url',
  // Mailchimp, HubSpot, Marketo, Vero, Olytics, Adobe
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', '__hssc', '__hstc', '__hsfp', 'hsctatracking', 'mkt_tok',
  'vero_conv', 'vero_id', 'oly_anon_id', 'oly_enc_id', 's_cid', 'cmpid',
  // Share markers of news sites (NYT, Reddit)
  'smid', 'sr_share',
];

/** Parameter name prefixes that are always tracking: `utm_source`, `utm_medium`, … */
export const TRACKING_PARAM_PREFIXES: readonly string[] = ['utm_', 'pk_', 'mtm_', 'hmb_'];

const trackingNames = new Set(TRACKING_PARAMS);

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return trackingNames.has(lower) || TRACKING_PARAM_PREFIXES.some((p) => lower.startsWith(p));
}

/**
 * The canonical form of an absolute http(s) URL (see the module comment for the rules).
 * Throws InvalidInputError for anything else, with the reason.
 */
export function canonicalizeUrl(input: string): string {
  const url = parseHttpUrl(input);
  url.hostname = canonicalHost(url.hostname);
  url.username = '';
  url.password = '';
  url.hash = '';
  url.pathname = canonicalPath(url.pathname);
  url.search = canonicalQuery(url.searchParams);
  return url.href;
}

/** Like canonicalizeUrl, but null instead of an error (for URLs a page declares about itself). */
export function tryCanonicalizeUrl(input: string | null | undefined): string | null {
  if (!input) return null;
  try {
    return canonicalizeUrl(input);
  } catch {
    return null;
  }
}

/** What an article records about its address. */
export interface ArticleUrls {
  /** canonicalizeUrl of the URL the capture came from (its final URL, after redirects). */
  canonicalUrl: string;
  /**
   * The page's own claim: `<link rel=canonical>`, else `og:url`, canonicalized; null when the
   * page declares none or declares something that is not an http(s) URL. Recorded, not trusted:
   * any page can claim any address.
   */
  declaredCanonicalUrl: string | null;
}

export function articleUrls(
  pageUrl: string,
  declared: { canonicalUrl?: string | null; ogUrl?: string | null } = {},
): ArticleUrls {
  return {
    canonicalUrl: canonicalizeUrl(pageUrl),
    declaredCanonicalUrl: tryCanonicalizeUrl(declared.canonicalUrl) ?? tryCanonicalizeUrl(declared.ogUrl),
  };
}

function parseHttpUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch (cause) {
    throw new InvalidInputError(`not an absolute URL: ${JSON.stringify(input)}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError(`only http and https URLs have a canonical form, got ${url.protocol}`);
  }
  return url;
}

function canonicalHost(hostname: string): string {
  return hostname.endsWith('.') ? hostname.replace(/\.+$/, '') : hostname;
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function canonicalPath(pathname: string): string {
  return pathname.replace(/%([0-9a-fA-F]{2})/g, (_escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function canonicalQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams([...params].filter(([name]) => !isTrackingParam(name)));
  kept.sort();
  const query = kept.toString();
  return query ? `?${query}` : '';
}
