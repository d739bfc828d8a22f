/**
 * WARC/1.1 export of captures with warcio: one warcinfo record, then per capture a request and
 * a response record for every redirect hop and for the final exchange, or a revisit record
 * (profile server-not-modified) for a 304. Each record is its own gzip member (`.warc.gz`).
 * Payload digests are SHA-256 in hex, the same value as the capture's `bodySha256`.
 * Every record names the file's warcinfo record (WARC-Warcinfo-ID); a revisit whose original
 * response is in the same file names it (WARC-Refers-To); the connected address is written as
 * WARC-IP-Address when the capture knows it.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { STATUS_CODES } from 'node:http';
import type { Writable } from 'node:stream';
import { HeadersMultiMap, WARCRecord, WARC_1_1 } from 'warcio';
import { WARCSerializer } from 'warcio/node';
import type { CaptureRecord, HeaderPairs } from '../capture.ts';
import { FETCHER_VERSION } from '../version.ts';
import { archivalResponseHeaders, toWireString } from './archival-headers.ts';
import { WRITE_WARC_DEFAULTS } from '../defaults.ts';

/** What WARC export needs of a capture (a stored capture read back from the database fits). */
export type WarcCapture = Pick<
  CaptureRecord,
  | 'finalUrl'
  | 'redirectChain'
  | 'httpStatus'
  | 'statusText'
  | 'requestHeaders'
  | 'responseHeaders'
  | 'fetchedAt'
  | 'body'
  | 'contentEncoding'
  | 'truncated'
  | 'outcome'
  | 'refersTo'
> & { httpVersion?: string; remoteAddress?: string | null };

export interface WarcInfo {
  /**
   * Recorded as WARC-Filename of the warcinfo record: its last path segment only (no local directories).
   * @defaultValue none
   */
  filename?: string;
  /**
   * The software that wrote the file.
   * @defaultValue `Vellum fetcher <FETCHER_VERSION> (warcio.js)`
   */
  software?: string;
  /**
   * Who runs the archive (a contact).
   * @defaultValue none
   */
  operator?: string;
  /**
   * What the file holds.
   * @defaultValue none
   */
  description?: string;
  /**
   * Further `name: value` lines for the warcinfo block.
   * @defaultValue none
   */
  extra?: Record<string, string>;
}

export interface WriteWarcOptions {
  /**
   * End `out` when done.
   * @defaultValue true
   */
  end?: boolean;
}

export interface WarcWriteSummary {
  captures: number;
  records: number;
  /** Compressed bytes written. */
  bytes: number;
}

const SERVER_NOT_MODIFIED = 'http://netpreserve.org/warc/1.1/revisit/server-not-modified';

export async function writeWarc(
  captures: AsyncIterable<WarcCapture> | Iterable<WarcCapture>,
  out: Writable,
  info: WarcInfo = {},
  options: WriteWarcOptions = {},
): Promise<WarcWriteSummary> {
  const summary: WarcWriteSummary = { captures: 0, records: 0, bytes: 0 };
  const emit = async (record: WARCRecord): Promise<void> => {
    for await (const chunk of new WARCSerializer(record, { gzip: true })) {
      summary.bytes += (chunk as Uint8Array).length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    summary.records++;
  };

  const warcinfo = warcinfoRecord(info);
  const file: FileState = { warcinfoId: warcinfo.warcHeaders.headers.get('WARC-Record-ID')!, responses: new Map() };
  await emit(warcinfo);
  for await (const capture of captures) {
    for (const record of captureRecords(capture, file)) await emit(record);
    summary.captures++;
  }
  if (options.end ?? WRITE_WARC_DEFAULTS.end) {
    out.end();
    await once(out, 'finish');
  }
  return summary;
}

/** What records of one file refer to: its warcinfo, and the final responses already written. */
interface FileState {
  warcinfoId: string;
  /** `url + "\n" + date` of a final response record -> its WARC-Record-ID. */
  responses: Map<string, string>;
}

/** A file name without the directories it was written in: they are the operator's, not the archive's. */
export function warcFilename(filename: string | undefined): string | undefined {
  if (filename === undefined) return undefined;
  const base = filename.split(/[\\/]/).pop();
  return base ? base : undefined;
}

function warcinfoRecord(info: WarcInfo): WARCRecord {
  const fields: Record<string, string> = {
    software: info.software ?? `Vellum fetcher ${FETCHER_VERSION} (warcio.js)`,
    format: 'WARC File Format 1.1',
    conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
  };
  if (info.operator) fields.operator = info.operator;
  if (info.description) fields.description = info.description;
  Object.assign(fields, info.extra);
  return WARCRecord.createWARCInfo({ filename: warcFilename(info.filename), warcVersion: WARC_1_1 }, fields);
}

/** Records of one capture, in order: each hop's request + response, then the final pair. */
function* captureRecords(capture: WarcCapture, file: FileState): Generator<WARCRecord> {
  const version = capture.httpVersion ?? '1.1';
  for (const hop of capture.redirectChain) {
    const common = { warcinfoId: file.warcinfoId, ipAddress: hop.remoteAddress ?? null };
    const responseId = recordId();
    const statusline = statusLine(version, hop.status, hop.statusText);
    // Redirect bodies are not kept: the payload is empty, and marked cut unless it was empty anyway.
    const declared = hop.responseHeaders.find(([n]) => n.toLowerCase() === 'content-length')?.[1]?.trim();
    yield responseRecord(hop.url, hop.fetchedAt, responseId, statusline, hop.responseHeaders, new Uint8Array(0), {
      decoded: false,
      truncated: declared === '0' ? null : 'unspecified',
      ...common,
    });
    yield requestRecord(hop.url, hop.fetchedAt, responseId, hop.requestHeaders, common);
  }
  const common = { warcinfoId: file.warcinfoId, ipAddress: capture.remoteAddress ?? null };
  const responseId = recordId();
  const statusline = statusLine(version, capture.httpStatus, capture.statusText);
  if (capture.outcome === 'not-modified') {
    const original = capture.refersTo ? file.responses.get(responseKey(capture.refersTo.url, capture.refersTo.fetchedAt)) : undefined;
    yield revisitRecord(capture, responseId, statusline, { ...common, refersToId: original ?? null });
  } else {
    yield responseRecord(capture.finalUrl, capture.fetchedAt, responseId, statusline, capture.responseHeaders, capture.body, {
      decoded: capture.contentEncoding !== null,
      truncated: capture.truncated ? 'length' : null,
      ...common,
    });
    file.responses.set(responseKey(capture.finalUrl, capture.fetchedAt), responseId);
  }
  yield requestRecord(capture.finalUrl, capture.fetchedAt, responseId, capture.requestHeaders, common);
}

function responseKey(url: string, date: string): string {
  return `${url}\n${new Date(date).toISOString()}`;
}

/** The reason phrase as the server sent it, or the standard one when it sent none (`HTTP/1.1 301 Moved Permanently`). */
function statusLine(version: string, status: number, reason: string | undefined): string {
  const phrase = reason || STATUS_CODES[status] || '';
  return `HTTP/${version} ${status}${phrase ? ` ${phrase}` : ''}`;
}

interface RecordLinks {
  warcinfoId: string;
  ipAddress: string | null;
}

/** WARC-Warcinfo-ID and WARC-IP-Address, in that order, after the record's own headers. */
function linkHeaders(links: RecordLinks): HeaderPairs {
  const headers: HeaderPairs = [['WARC-Warcinfo-ID', links.warcinfoId]];
  if (links.ipAddress) headers.push(['WARC-IP-Address', links.ipAddress]);
  return headers;
}

function responseRecord(
  url: string,
  date: string,
  id: string,
  statusline: string,
  headers: HeaderPairs,
  body: Uint8Array,
  facts: { decoded: boolean; truncated: 'length' | 'unspecified' | null } & RecordLinks,
): WARCRecord {
  const httpHeaders = archivalResponseHeaders(headers, { payloadLength: body.length, decoded: facts.decoded });
  const warcHeaders: HeaderPairs = [['WARC-Record-ID', id], ...linkHeaders(facts)];
  if (facts.truncated) warcHeaders.push(['WARC-Truncated', facts.truncated]);
  const record = WARCRecord.create(
    { url, date, type: 'response', warcVersion: WARC_1_1, statusline, warcHeaders, httpHeaders, keepHeadersCase: true },
    [body],
  );
  setHttpHeaders(record, httpHeaders);
  return record;
}

function requestRecord(url: string, date: string, concurrentTo: string, headers: HeaderPairs, links: RecordLinks): WARCRecord {
  const target = new URL(url);
  const record = WARCRecord.create(
    {
      url,
      date,
      type: 'request',
      warcVersion: WARC_1_1,
      statusline: `GET ${target.pathname}${target.search} HTTP/1.1`,
      warcHeaders: [
        ['WARC-Record-ID', recordId()],
        ['WARC-Concurrent-To', concurrentTo],
        ...linkHeaders(links),
      ],
      httpHeaders: headers,
      keepHeadersCase: true,
    },
    [],
  );
  setHttpHeaders(record, headers);
  return record;
}

function revisitRecord(capture: WarcCapture, id: string, statusline: string, links: RecordLinks & { refersToId: string | null }): WARCRecord {
  const warcHeaders: HeaderPairs = [['WARC-Record-ID', id], ...linkHeaders(links)];
  const refersTo = capture.refersTo;
  // WARC 1.1 section 5.11: the record ID of the original, when it is known (here: in this file).
  if (links.refersToId) warcHeaders.push(['WARC-Refers-To', links.refersToId]);
  if (refersTo) warcHeaders.push(['WARC-Payload-Digest', `sha256:${refersTo.bodySha256}`]);
  const record = WARCRecord.create(
    {
      url: capture.finalUrl,
      date: capture.fetchedAt,
      type: 'revisit',
      warcVersion: WARC_1_1,
      statusline,
      warcHeaders,
      httpHeaders: capture.responseHeaders,
      keepHeadersCase: true,
      refersToUrl: refersTo?.url,
      refersToDate: refersTo?.fetchedAt,
    },
    [],
  );
  record.warcHeaders.headers.set('WARC-Profile', SERVER_NOT_MODIFIED);
  setHttpHeaders(record, capture.responseHeaders);
  return record;
}

/**
 * warcio groups repeated header names together; the capture's order (duplicates interleaved
 * as sent) is kept by serializing from an ordered list instead.
 */
function setHttpHeaders(record: WARCRecord, headers: HeaderPairs): void {
  const pairs: HeaderPairs = headers.map(([name, value]) => [name, toWireString(value)]);
  const ordered = new OrderedHeaders(pairs);
  record.httpHeaders!.headers = ordered;
}

class OrderedHeaders extends HeadersMultiMap {
  readonly #pairs: HeaderPairs;
  constructor(pairs: HeaderPairs) {
    super(pairs);
    this.#pairs = pairs;
  }
  override *[Symbol.iterator](): IterableIterator<[string, string]> {
    yield* this.#pairs;
  }
}

function recordId(): string {
  return `<urn:uuid:${randomUUID()}>`;
}
