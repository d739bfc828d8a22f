/**
 * Bytes to text. The declared encoding wins, in the HTML standard's order (as jsdom 29's
 * lib/api.js does it): a BOM, then the Content-Type charset, then a <meta> prescan of the first
 * 1024 bytes. When nothing is declared, the standard lets the user agent guess, and browsers do:
 * bytes that are valid UTF-8 are UTF-8 (a legacy encoding almost never yields valid multi-byte
 * UTF-8 sequences by chance), anything else goes to a detector (chardet, ICU's statistical
 * detector), and windows-1252 remains the default when it cannot tell. Then the Encoding
 * standard's "decode" hook, which lets a BOM win and strips it.
 */
import { isUtf8 } from 'node:buffer';
import sniffHTMLEncoding from 'html-encoding-sniffer';
import chardet from 'chardet';
import { getBOMEncoding, labelToName, legacyHookDecode, normalizeEncoding } from '@exodus/bytes/encoding.js';
import { MIMEType } from 'whatwg-mimetype';

/**
 * Bump when the bytes-to-text behaviour changes.
 * 2.0.0: undeclared pages are decoded as UTF-8 when valid, else as the detector says.
 */
export const DECODE_VERSION = '2.0.0';

/**
 * Which rule chose the charset:
 * - `bom`: a byte order mark;
 * - `content-type`: the charset parameter of the Content-Type header;
 * - `meta`: a `<meta charset>` or `<meta http-equiv=content-type>` in the first 1024 bytes;
 * - `valid-utf-8`: nothing declared, and the bytes are valid UTF-8 (pure ASCII included);
 * - `detector`: nothing declared, not UTF-8, and the detector named an encoding;
 * - `default`: nothing declared and nothing detected: windows-1252 (UTF-8 for XML types);
 * - `text`: processPage was given a string, already decoded.
 */
export type CharsetSource = 'bom' | 'content-type' | 'meta' | 'valid-utf-8' | 'detector' | 'default' | 'text';

export interface DecodedHtml {
  html: string;
  /** The WHATWG encoding name in lower case, as `TextDecoder#encoding` reports it (`utf-8`, `shift_jis`). */
  charset: string;
  charsetSource: CharsetSource;
}

/**
 * Decodes a raw HTML response body. `contentType` is the response's Content-Type header, if any;
 * an unparseable one is ignored (jsdom would throw; a fetched page must not fail on it).
 * Never throws: undecodable bytes become U+FFFD.
 */
export function decodeHtml(raw: Uint8Array, contentType?: string): DecodedHtml {
  const { name, source } = chooseEncoding(raw, contentType);
  const html = legacyHookDecode(raw, name);
  return { html, charset: normalizeEncoding(name) ?? name.toLowerCase(), charsetSource: source };
}

/** The encoding of the bytes and the rule that chose it (see CharsetSource). */
export function chooseEncoding(raw: Uint8Array, contentType?: string): { name: string; source: CharsetSource } {
  const bom = getBOMEncoding(raw);
  if (bom !== null) return { name: bom, source: 'bom' };
  const mimeType = contentType === undefined ? null : MIMEType.parse(contentType);
  const label = mimeType?.parameters.get('charset');
  const declared = label === undefined ? null : labelToName(label);
  if (declared !== null) return { name: declared, source: 'content-type' };
  if (mimeType?.isXML()) return { name: 'UTF-8', source: 'default' };
  // With no BOM and no label, the sniffer's answer is the meta prescan's, or the default we pass.
  const meta = sniffHTMLEncoding(raw, { xml: false, defaultEncoding: NOT_FOUND });
  if (meta !== NOT_FOUND) return { name: meta, source: 'meta' };
  if (isValidUtf8(raw)) return { name: 'UTF-8', source: 'valid-utf-8' };
  const detected = detectLegacyEncoding(raw);
  if (detected !== null) return { name: detected, source: 'detector' };
  return { name: 'windows-1252', source: 'default' };
}

const NOT_FOUND = '';

/**
 * Valid UTF-8, allowing an incomplete sequence at the very end (a body cut at a size limit
 * ends wherever the limit fell).
 */
function isValidUtf8(raw: Uint8Array): boolean {
  if (isUtf8(raw)) return true;
  // The last lead byte within the last 3 bytes: drop it and what follows, if it is incomplete.
  for (let back = 1; back <= Math.min(3, raw.length); back++) {
    const byte = raw[raw.length - back]!;
    if (byte < 0x80) return false;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return back < needed && isUtf8(raw.subarray(0, raw.length - back));
    }
  }
  return false;
}

/** Encodings a detector's guess may not stand for: HTML is never sniffed as these. */
const NOT_GUESSED = new Set(['UTF-8', 'UTF-16BE', 'UTF-16LE', 'replacement', 'x-user-defined']);

/**
 * Below this confidence (0-100) a guess is not taken. ICU's multi-byte detectors answer 10 on a
 * handful of bytes they cannot judge (`<p>“€”</p>` is "EUC-JP, 10"); its single-byte ones give
 * 25-70 on real text, and 90+ where windows-1252's C1 punctuation settles it.
 */
const MIN_CONFIDENCE = 20;

/** The detector's guess as a WHATWG encoding name, or null when it has none we may use. */
function detectLegacyEncoding(raw: Uint8Array): string | null {
  const best = chardet.analyse(detectorSample(raw))[0];
  if (best === undefined || best.confidence < MIN_CONFIDENCE) return null;
  const name = labelToName(best.name);
  return name === null || NOT_GUESSED.has(name) ? null : name;
}

const SAMPLE_BYTES = 16 * 1024;
const BEFORE = 32;
const AFTER = 96;

/**
 * What the detector reads: the page itself when small, else up to 16 KB of the stretches
 * around non-ASCII bytes (joined by spaces). Markup, scripts and styles are ASCII and tell a
 * detector nothing, and a page's text may start far into it; reading all of it would cost
 * ~200 ms for a large page, the stretches ~3 ms.
 */
export function detectorSample(raw: Uint8Array): Uint8Array {
  if (raw.length <= SAMPLE_BYTES) return raw;
  const out = new Uint8Array(SAMPLE_BYTES);
  let n = 0;
  let end = 0;
  for (let i = 0; i < raw.length && n < SAMPLE_BYTES - 1; i++) {
    if (raw[i]! < 0x80 || i < end) continue;
    const start = Math.max(end, i - BEFORE);
    if (n > 0 && start > end) out[n++] = 0x20;
    const stop = Math.min(raw.length, i + AFTER, start + (SAMPLE_BYTES - n));
    out.set(raw.subarray(start, stop), n);
    n += stop - start;
    end = stop;
  }
  return out.subarray(0, n);
}
