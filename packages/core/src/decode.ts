/**
 * Bytes to text, exactly as jsdom 29 does it (lib/api.js normalizeHTML): the HTML encoding
 * sniffing algorithm (BOM, then the Content-Type charset, then a <meta> prescan of the first
 * 1024 bytes, then windows-1252), then the Encoding standard's "decode" hook, which lets a BOM
 * win and strips it. Using the same libraries as jsdom keeps our text identical to what a
 * plain `new JSDOM(bytes, { contentType })` would have parsed.
 */
import sniffHTMLEncoding from 'html-encoding-sniffer';
import { legacyHookDecode, normalizeEncoding } from '@exodus/bytes/encoding.js';
import { MIMEType } from 'whatwg-mimetype';

/** Bump when the bytes-to-text behaviour changes. */
export const DECODE_VERSION = '1.0.0';

export interface DecodedHtml {
  html: string;
  /** The WHATWG encoding name in lower case, as `TextDecoder#encoding` reports it (`utf-8`, `shift_jis`). */
  charset: string;
}

/**
 * Decodes a raw HTML response body. `contentType` is the response's Content-Type header, if any;
 * an unparseable one is ignored (jsdom would throw; a fetched page must not fail on it).
 * Never throws: undecodable bytes become U+FFFD.
 */
export function decodeHtml(raw: Uint8Array, contentType?: string): DecodedHtml {
  const mimeType = contentType === undefined ? null : MIMEType.parse(contentType);
  const name = sniffHTMLEncoding(raw, {
    xml: mimeType?.isXML() ?? false,
    transportLayerEncodingLabel: mimeType?.parameters.get('charset'),
  });
  const html = legacyHookDecode(raw, name);
  // The sniffer already ranks a BOM first, so the name it returns is the one the decode hook uses.
  return { html, charset: normalizeEncoding(name) ?? name.toLowerCase() };
}
