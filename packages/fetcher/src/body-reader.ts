/**
 * Reads a response body while removing its Content-Encoding, enforcing the size cap on the
 * decoded bytes as they stream (a gzip bomb stops at the cap, not after inflating) and on
 * the wire bytes (so trailing garbage cannot stream forever).
 */
import { pipeline, Readable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import zlib from 'node:zlib';
import { BodyTooLargeError, CorruptContentEncodingError, UnsupportedContentEncodingError } from './errors.ts';

export interface BodyLimits {
  url: string;
  maxBytes: number;
  oversize: 'fail' | 'truncate';
}

export interface ReadBody {
  body: Uint8Array;
  truncated: boolean;
}

type Stage = (source: AsyncIterable<Buffer>) => AsyncIterable<Buffer>;

/** The codings of a Content-Encoding header, in the order they were applied; identity dropped. */
export function parseContentEncoding(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
}

/** Fails before reading anything when a coding cannot be decoded. */
export function assertDecodable(url: string, codings: string[]): void {
  for (const coding of codings) {
    if (!DECODERS[coding]) throw new UnsupportedContentEncodingError(url, coding);
  }
}

export async function readBody(source: Readable, codings: string[], limits: BodyLimits): Promise<ReadBody> {
  assertDecodable(limits.url, codings);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  const stop = new Error('body cap reached');

  const decoders: Stage[] = [...codings].reverse().map((c) => DECODERS[c]!);
  const stages: Stage[] = [capWireBytes(limits), ...decoders];
  const sink = async (decoded: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of decoded) {
      if (total + chunk.length > limits.maxBytes) {
        if (limits.oversize === 'fail') throw new BodyTooLargeError(limits.url, limits.maxBytes);
        chunks.push(chunk.subarray(0, limits.maxBytes - total));
        total = limits.maxBytes;
        truncated = true;
        throw stop;
      }
      chunks.push(chunk);
      total += chunk.length;
    }
  };

  try {
    await (pipelineAsync as (...streams: unknown[]) => Promise<void>)(source, ...stages, sink);
  } catch (error) {
    if (error === stop) return { body: concat(chunks, total), truncated };
    if (codings.length > 0 && isDecoderError(error)) {
      throw new CorruptContentEncodingError(limits.url, codings.join(', '), { cause: error });
    }
    throw error;
  }
  return { body: concat(chunks, total), truncated };
}

/**
 * Reads and discards a body (e.g. of a redirect): a small one is drained so the connection can
 * be reused, a large one is cut off. Nothing of it is kept, so errors do not matter.
 */
export async function discardBody(source: Readable, maxDrainBytes = 64 * 1024): Promise<void> {
  let seen = 0;
  try {
    for await (const chunk of source) {
      seen += (chunk as Buffer).length;
      if (seen > maxDrainBytes) break;
    }
  } catch {
    // The response was complete enough to act on; a broken body changes nothing.
  }
  if (seen > maxDrainBytes) source.destroy();
}

/** zlib errors carry a numeric errno and a Z_* (zlib) or ERR_* (brotli) code. */
function isDecoderError(error: unknown): boolean {
  const { errno, code } = (error ?? {}) as { errno?: unknown; code?: unknown };
  return typeof errno === 'number' && typeof code === 'string' && /^(Z_|ERR__)/.test(code);
}

function capWireBytes(limits: BodyLimits): Stage {
  // Compressed data is never meaningfully larger than its decoding; more is padding or garbage.
  const cap = limits.maxBytes + 64 * 1024;
  return async function* (source) {
    let seen = 0;
    for await (const chunk of source) {
      seen += chunk.length;
      if (seen > cap) {
        if (limits.oversize === 'fail') throw new BodyTooLargeError(limits.url, limits.maxBytes);
        return;
      }
      yield chunk;
    }
  };
}

/**
 * A compressed body must reach its end marker: one cut short (a truncated file behind a correct
 * Content-Length) fails as corrupt instead of being kept as if whole, since nothing says how
 * much of the page is missing. zlib reports that as Z_BUF_ERROR "unexpected end of file". An
 * empty body is not decoded at all (a 204, or an empty 200 labelled gzip, has nothing to end).
 */
const DECODERS: Record<string, Stage> = {
  gzip: viaStream(() => zlib.createGunzip()),
  'x-gzip': viaStream(() => zlib.createGunzip()),
  br: viaStream(() => zlib.createBrotliDecompress()),
  deflate: viaStream((head) => (isZlibHeader(head) ? zlib.createInflate() : zlib.createInflateRaw())),
};

/** Decodes through the stream `make` builds from the first bytes; nothing at all passes through as nothing. */
function viaStream(make: (head: Buffer) => NodeJS.ReadWriteStream): Stage {
  return async function* (source) {
    const it = source[Symbol.asyncIterator]();
    let head = Buffer.alloc(0);
    while (head.length < 2) {
      const next = await it.next();
      if (next.done) break;
      head = Buffer.concat([head, next.value]);
    }
    if (head.length === 0) return;
    const rest = (async function* () {
      yield head;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield next.value;
      }
    })();
    yield* pipeline(Readable.from(rest), make(head), () => {}) as unknown as AsyncIterable<Buffer>;
  };
}

/** "deflate" is meant to be zlib-wrapped, but many servers send raw deflate: look at the header. */
function isZlibHeader(head: Buffer): boolean {
  return head.length >= 2 && (head[0]! & 0x0f) === 8 && ((head[0]! << 8) | head[1]!) % 31 === 0;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
