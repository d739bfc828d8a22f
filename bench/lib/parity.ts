/**
 * DOM parity of one page: extract's phases (page metadata, Readability, blocks) on the decoded,
 * prefiltered page, built once with the pipeline's builder (`parseDocument`, whatever DOM it
 * uses) and once with the reference (`parseDocumentWithJsdom`), compared. Shared by
 * bench/dom-parity.ts and the sample parity test (test/dom-parity-sample.test.ts).
 * It reaches into @vellum/core's extract internals on purpose: the builders are not public API.
 */
import { blocksToText, decodeHtml, prefilterHtml } from '@vellum/core';
import { blockify } from '../../packages/core/src/extract/blockify.ts';
import { parseDocument, parseDocumentWithJsdom, type ParsedDocument } from '../../packages/core/src/extract/parse-document.ts';
import { readPageMetadata } from '../../packages/core/src/extract/read-page-metadata.ts';
import { runReadability } from '../../packages/core/src/extract/run-readability.ts';

interface Extracted {
  metadata: string;
  text: string;
}

type Outcome = { ok: true; value: Extracted } | { ok: false; error: string };

function extractWith(build: (html: string, url: string) => ParsedDocument, html: string, url: string): Outcome {
  try {
    const { document, close } = build(html, url);
    try {
      const metadata = JSON.stringify(readPageMetadata(document, url));
      const article = runReadability(document);
      const text = article ? blocksToText(blockify(article.content)) : '';
      return { ok: true, value: { metadata: metadata + JSON.stringify({ ...article, content: undefined }), text } };
    } finally {
      close();
    }
  } catch (e) {
    return { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

export type ParityVerdict = 'identical' | 'text' | 'metadata' | 'crash-fast' | 'crash-reference' | 'crash-both';

export interface ParityResult {
  verdict: ParityVerdict;
  /** Where the two first part (or the exception), for a human to read; empty when identical. */
  detail: string;
}

function around(s: string, at: number): string {
  return JSON.stringify(s.slice(Math.max(0, at - 30), at + 50));
}

/** The first difference between two strings, with a little context from each. */
export function firstDifference(fast: string, reference: string): string {
  let i = 0;
  while (i < fast.length && i < reference.length && fast[i] === reference[i]) i++;
  return `at ${i} of ${fast.length}/${reference.length}: fast ${around(fast, i)} | jsdom ${around(reference, i)}`;
}

/** The first metadata field that differs (the metadata is JSON of two objects, compared as text). */
function metadataDifference(fast: string, reference: string): string {
  const fields = (s: string) => s.replace(/^\{|\}$/g, '').split(/,(?="[^"]+":)/);
  const a = fields(fast);
  const b = fields(reference);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `fast ${(a[i] ?? '(none)').slice(0, 120)} | jsdom ${(b[i] ?? '(none)').slice(0, 120)}`;
  }
  return firstDifference(fast, reference);
}

/** The page's raw bytes, decoded (given Content-Type) and prefiltered as extract sees them. */
export function preparePage(raw: Uint8Array, contentType: string): string {
  return prefilterHtml(decodeHtml(raw, contentType).html);
}

export function compareDoms(html: string, url: string): ParityResult {
  const fast = extractWith(parseDocument, html, url);
  const reference = extractWith(parseDocumentWithJsdom, html, url);
  if (!fast.ok && !reference.ok) return { verdict: 'crash-both', detail: `fast ${fast.error} | jsdom ${reference.error}` };
  if (!fast.ok) return { verdict: 'crash-fast', detail: fast.error };
  if (!reference.ok) return { verdict: 'crash-reference', detail: reference.error };
  if (fast.value.text !== reference.value.text) return { verdict: 'text', detail: firstDifference(fast.value.text, reference.value.text) };
  if (fast.value.metadata !== reference.value.metadata) return { verdict: 'metadata', detail: metadataDifference(fast.value.metadata, reference.value.metadata) };
  return { verdict: 'identical', detail: '' };
}
