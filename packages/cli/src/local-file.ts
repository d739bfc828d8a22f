/**
 * Reading a page from a local file for `vellum extract` and `vellum ingest`: a path that does
 * not exist is "no such file" (not a malformed URL), and a file that is not HTML is refused
 * with the content type it has, before anything is recorded.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import mime from 'mime';
import { PermanentError } from '@vellum/core/errors';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Whether an input names a file: an existing path does; otherwise anything with a scheme
 * (`https:`, `ftp:`) is a URL and anything without one a (missing) file.
 */
export async function namesFile(input: string): Promise<boolean> {
  if (await fs.stat(input).then(() => true, () => false)) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(input) || /^[a-z]:[\\/]/i.test(input);
}

/** A local input that cannot be read as a page; the message is the outcome's reason. */
export class LocalFileError extends PermanentError<LocalFileErrorCode> {}

export type LocalFileErrorCode = 'no-such-file' | 'not-a-file' | 'unsupported-content-type';

export interface LocalPage {
  absolute: string;
  bytes: Uint8Array;
  contentType: string;
}

/** The file's bytes, or LocalFileError when it is missing, not a file, or not HTML. */
export async function readLocalPage(input: string): Promise<LocalPage> {
  const absolute = path.resolve(input);
  const stat = await fs.stat(absolute).catch(() => null);
  if (!stat) {
    // `example.com/story` was probably meant as a URL: say how to give one.
    const hint = /^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(input) ? `; to fetch it, give the URL with its scheme: https://${input}` : '';
    throw new LocalFileError('no-such-file', `${input}: no such file${hint}`);
  }
  if (!stat.isFile()) throw new LocalFileError('not-a-file', `${input}: not a file`);
  const bytes = new Uint8Array(await fs.readFile(absolute));
  const contentType = fileContentType(absolute, bytes);
  if (!HTML_TYPES.has(contentType)) {
    throw new LocalFileError(
      'unsupported-content-type',
      `${input}: content type ${contentType}; only HTML files (text/html, application/xhtml+xml) are extracted`,
    );
  }
  return { absolute, bytes, contentType };
}

/**
 * The type the file's name says (.txt is text/plain, .pdf application/pdf); for a name that
 * says nothing, what the first bytes look like.
 */
export function fileContentType(file: string, bytes: Uint8Array): string {
  const byName = mime.getType(file);
  if (byName) return byName;
  return sniff(bytes);
}

function sniff(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'application/pdf';
  const start = head.replace(/^(\xEF\xBB\xBF|\xFE\xFF|\xFF\xFE)/, '').trimStart().toLowerCase();
  if (/^<(!doctype html|html|head|body|!--|meta|title|article|div|p[\s>])/.test(start)) return 'text/html';
  if (start.startsWith('<?xml')) return /<html[\s>]/.test(start) ? 'application/xhtml+xml' : 'application/xml';
  // Control bytes other than whitespace mean binary data.
  return /[\x00-\x08\x0E-\x1F]/.test(head) ? 'application/octet-stream' : 'text/plain';
}
