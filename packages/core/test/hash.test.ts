import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash, sha256Hex } from '../src/index.ts';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a string as its UTF-8 bytes', () => {
    const text = 'Zürich — 東京 😀';
    expect(sha256Hex(text)).toBe(sha256Hex(new TextEncoder().encode(text)));
    expect(sha256Hex(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
  });

  it('hashes raw bytes as they are, not as text', () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x80]);
    expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(sha256Hex(bytes)).not.toBe(sha256Hex(new TextDecoder().decode(bytes)));
  });

  it('hashes a view over part of a buffer, not the whole buffer', () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5]);
    expect(sha256Hex(whole.subarray(1, 3))).toBe(sha256Hex(new Uint8Array([2, 3])));
  });
});

describe('contentHash', () => {
  it('is the SHA-256 hex of the UTF-8 of the text', () => {
    const text = 'First paragraph.\n\nSecond — with “quotes”.';
    expect(contentHash(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(contentHash(text)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells texts apart that differ in one character', () => {
    expect(contentHash('a\n\nb')).not.toBe(contentHash('a\n\nb.'));
  });
});
