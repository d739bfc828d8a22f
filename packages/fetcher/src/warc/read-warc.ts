/**
 * Reads a WARC (gzip or not) back with warcio's parser, giving each record's WARC headers,
 * its HTTP status line and headers exactly as written (order and duplicates kept) and its
 * payload bytes. Used by tests and by anyone checking an export.
 */
import { WARCParser } from 'warcio';
import type { HeaderPairs } from '../capture.ts';

export interface WarcEntry {
  type: string;
  recordId: string | null;
  targetUri: string | null;
  date: string | null;
  warcHeaders: HeaderPairs;
  /** For application/http records: the status (or request) line. */
  httpStatusLine: string | null;
  /** For application/http records: the header lines as `[name, value]`, bytes read as latin1. */
  httpHeaders: HeaderPairs | null;
  /** The record's whole content block, as WARC-Block-Digest covers it. */
  block: Uint8Array;
  /** The block after the HTTP headers (the whole block for other records). */
  payload: Uint8Array;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

export async function* readWarc(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<WarcEntry> {
  // parseHttp off: the HTTP block is split here so header order and bytes are not normalized.
  const parser = new WARCParser(source, { keepHeadersCase: true, parseHttp: false });
  for await (const record of parser) {
    const block = Buffer.from(await record.readFully(false));
    const warcHeaders: HeaderPairs = [...record.warcHeaders.headers];
    const entry: WarcEntry = {
      type: record.warcType,
      recordId: record.warcHeader('WARC-Record-ID') ?? null,
      targetUri: record.warcTargetURI ?? null,
      date: record.warcDate ?? null,
      warcHeaders,
      httpStatusLine: null,
      httpHeaders: null,
      block: new Uint8Array(block),
      payload: new Uint8Array(block),
    };
    if ((record.warcContentType ?? '').startsWith('application/http')) {
      const end = block.indexOf(CRLFCRLF);
      const head = (end === -1 ? block : block.subarray(0, end)).toString('latin1').split('\r\n');
      entry.httpStatusLine = head[0] ?? '';
      entry.httpHeaders = head.slice(1).filter(Boolean).map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon), line.slice(colon + 1).replace(/^[ \t]+/, '')] as [string, string];
      });
      entry.payload = new Uint8Array(end === -1 ? 0 : block.length - end - 4);
      entry.payload.set(end === -1 ? [] : block.subarray(end + 4));
    }
    yield entry;
  }
}
