/**
 * The archival treatment of response headers when the stored payload is not what crossed the
 * wire byte for byte: it was de-chunked, its Content-Encoding removed, or it was cut short.
 * Headers that would make a WARC reader mis-decode the payload are renamed to `X-Orig-*`
 * (kept, in place, so nothing is lost) and Content-Length is set to the stored length.
 */
import type { HeaderPairs } from '../capture.ts';

export interface PayloadFacts {
  /** Bytes stored as the record's payload. */
  payloadLength: number;
  /** True when a Content-Encoding was removed from the payload. */
  decoded: boolean;
}

export function archivalResponseHeaders(headers: HeaderPairs, facts: PayloadFacts): HeaderPairs {
  const out: HeaderPairs = [];
  let lengthCorrect = false;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding') {
      // undici removed the chunked framing; a reader would try to de-chunk again.
      out.push([`X-Orig-${name}`, value]);
    } else if (lower === 'content-encoding' && facts.decoded) {
      out.push([`X-Orig-${name}`, value]);
    } else if (lower === 'content-length') {
      if (!lengthCorrect && value.trim() === String(facts.payloadLength)) {
        out.push([name, value]);
        lengthCorrect = true;
      } else {
        out.push([`X-Orig-${name}`, value]);
      }
    } else {
      out.push([name, value]);
    }
  }
  if (!lengthCorrect) out.push(['Content-Length', String(facts.payloadLength)]);
  return out;
}

/**
 * undici hands header values over as latin1 strings (one char per byte) while warcio writes
 * them as UTF-8. Values whose bytes are valid UTF-8 are converted so the same bytes are written;
 * others (rare, invalid UTF-8) cannot be written verbatim and are left as they are.
 */
export function toWireString(value: string): string {
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  if (/[^\x00-\xff]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return value;
  }
}
