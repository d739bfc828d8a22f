import { gunzipSync } from 'node:zlib';
import { MalformedSourceError } from './errors.ts';
import { RUN_LIMITS_DEFAULTS } from '../defaults.ts';

/** Default cap on a decompressed `.xml.gz` sitemap: the sitemap protocol's 50 MB limit. */
export const DEFAULT_MAX_DECODED_BYTES = RUN_LIMITS_DEFAULTS.maxDecodedBytes;

/**
 * Bytes to text for XML and JSON sources. Order follows RFC 7303: a byte-order mark wins, then
 * the Content-Type charset, then the XML declaration's encoding, then UTF-8. Sitemaps are often
 * served as gzip files (not gzip transfer encoding), so a gzip body is inflated first, with a cap
 * so a compressed bomb cannot exhaust memory.
 */
export function decodeBody(
  body: Uint8Array | string,
  contentType: string | undefined,
  maxDecodedBytes = DEFAULT_MAX_DECODED_BYTES,
): string {
  if (typeof body === 'string') return stripBom(body);
  const bytes = isGzip(body) ? gunzip(body, maxDecodedBytes) : body;
  const label = bomEncoding(bytes) ?? charsetParam(contentType) ?? xmlDeclaredEncoding(bytes) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8'); // an unknown label: UTF-8 is the XML default
  }
  return stripBom(decoder.decode(bytes));
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array, maxOutputLength: number): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ERR_BUFFER_TOO_LARGE'
        ? `decompresses to more than ${maxOutputLength} bytes`
        : `is not valid gzip: ${(error as Error).message}`;
    throw new MalformedSourceError(`gzip-compressed source ${reason}`, { cause: error });
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function charsetParam(contentType: string | undefined): string | undefined {
  for (const param of (contentType ?? '').split(';').slice(1)) {
    const [name, value] = param.split('=');
    if (name?.trim().toLowerCase() === 'charset' && value) return value.trim().replace(/^"|"$/g, '');
  }
  return undefined;
}

/** The `encoding` pseudo-attribute of `<?xml …?>`, read from the ASCII-compatible first bytes. */
function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256));
  if (!head.startsWith('<?xml')) return undefined;
  const declaration = head.slice(0, head.indexOf('?>') + 2);
  return /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(declaration)?.[1];
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
