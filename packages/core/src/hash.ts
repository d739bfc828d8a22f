/** SHA-256 digests for raw bodies and normalized text. */
import { createHash } from 'node:crypto';

/** Bump if what is hashed or how changes. */
export const HASH_VERSION = 'sha256-utf8-1';

/** Lower-case hex SHA-256 of the bytes, or of a string's UTF-8 encoding. */
export function sha256Hex(bytes: Uint8Array | string): string {
  const hash = createHash('sha256');
  if (typeof bytes === 'string') hash.update(bytes, 'utf8');
  else hash.update(bytes);
  return hash.digest('hex');
}

/** The identity of an article's text: SHA-256 hex of the UTF-8 of the normalized text. */
export function contentHash(normalizedText: string): string {
  return sha256Hex(normalizedText);
}
