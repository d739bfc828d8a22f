/**
 * Is a response HTML (goes on to processing) or something else (kept, not processed), and
 * which charset does it use. HTML charsets come from @vellum/core's decodeHtml: the HTML
 * encoding sniffing algorithm (BOM, header charset, `<meta>` prescan), exactly as jsdom does.
 */
import { decodeHtml } from '@vellum/core/decode';
import type { ContentClass } from './capture.ts';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export interface ContentInfo {
  mediaType: string | null;
  contentClass: ContentClass;
  charset: string | null;
}

export function classifyContent(contentType: string | null, body: Uint8Array): ContentInfo {
  const parsed = parseContentType(contentType);
  const mediaType = parsed?.essence ?? null;
  const isHtml = mediaType === null ? looksLikeHtml(body) : HTML_TYPES.has(mediaType);
  if (!isHtml) return { mediaType, contentClass: 'unsupported', charset: parsed?.charset ?? null };
  // The pipeline decodes with the same function, so the recorded charset is the one it will use.
  const { charset } = decodeHtml(body, contentType ?? undefined);
  return { mediaType, contentClass: 'html', charset };
}

/** `type/subtype` lower-cased plus the charset parameter; null when absent or malformed. */
export function parseContentType(value: string | null): { essence: string; charset: string | null } | null {
  if (value === null) return null;
  const [essencePart = '', ...params] = value.split(';');
  const essence = essencePart.trim().toLowerCase();
  if (!/^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(essence)) return null;
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1') || null;
    break;
  }
  return { essence, charset };
}

/**
 * No usable Content-Type: apply the WHATWG MIME sniffing "HTML" signatures to the first
 * non-whitespace bytes, as a browser would before rendering.
 */
function looksLikeHtml(body: Uint8Array): boolean {
  let start = 0;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) start = 3;
  while (start < body.length && [0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(body[start]!)) start++;
  const head = Buffer.from(body.subarray(start, start + 16)).toString('latin1').toUpperCase();
  return HTML_SIGNATURES.some((sig) => {
    if (!head.startsWith(sig)) return false;
    if (sig === '<!--') return true;
    const next = head.charCodeAt(sig.length);
    return next === 0x20 || next === 0x3e || Number.isNaN(next);
  });
}

const HTML_SIGNATURES = [
  '<!DOCTYPE HTML',
  '<HTML',
  '<HEAD',
  '<SCRIPT',
  '<IFRAME',
  '<H1',
  '<DIV',
  '<FONT',
  '<TABLE',
  '<A',
  '<STYLE',
  '<TITLE',
  '<B',
  '<BODY',
  '<BR',
  '<P',
  '<!--',
];
