/**
 * DOM parity on the benchmark pages: extract's phases (page metadata, Readability, blocks) on
 * the prefiltered page, built once with the pipeline's builder (linkedom) and once with the
 * reference (jsdom), compared. Prints how many pages give identical text and metadata.
 *   npx tsx bench/dom-parity.ts
 * It reaches into @vellum/core's extract internals on purpose: the builders are not public API.
 */
import { blocksToText, decodeHtml, prefilterHtml } from '@vellum/core';
import { blockify } from '../packages/core/src/extract/blockify.ts';
import { parseDocument, parseDocumentWithJsdom, type ParsedDocument } from '../packages/core/src/extract/parse-document.ts';
import { readPageMetadata } from '../packages/core/src/extract/read-page-metadata.ts';
import { runReadability } from '../packages/core/src/extract/run-readability.ts';
import { loadPages } from './lib/dataset.ts';
import { PAGE_CONTENT_TYPE } from './lib/modes.ts';

function extractWith(build: (html: string, url: string) => ParsedDocument, html: string, url: string) {
  const { document, close } = build(html, url);
  try {
    const metadata = JSON.stringify(readPageMetadata(document, url));
    const article = runReadability(document);
    const text = article ? blocksToText(blockify(article.content)) : '';
    return { metadata: metadata + JSON.stringify({ ...article, content: undefined }), text };
  } finally {
    close();
  }
}

const differing: string[] = [];
const pages = loadPages();
for (const page of pages) {
  const html = prefilterHtml(decodeHtml(page.raw, PAGE_CONTENT_TYPE).html);
  const fast = extractWith(parseDocument, html, page.url);
  const reference = extractWith(parseDocumentWithJsdom, html, page.url);
  if (fast.text !== reference.text || fast.metadata !== reference.metadata) differing.push(page.id);
  await new Promise((resolve) => setImmediate(resolve));
}
console.log(`${pages.length - differing.length} of ${pages.length} pages: identical text and metadata (linkedom vs jsdom)`);
for (const id of differing) console.log(`  differs: ${id}`);
process.exitCode = differing.length === 0 ? 0 : 1;
