/**
 * Reads the article a page declares in JSON-LD: the first NewsArticle / Article /
 * ReportageNewsArticle / BlogPosting (or another NewsArticle subtype) in document order,
 * looking inside arrays and `@graph` lists, and following `{"@id": …}` references to
 * author nodes elsewhere in the same block (the Yoast/WordPress shape).
 *
 * Bounded: the walk is iterative, looks no deeper than MAX_NESTING arrays/`@graph` lists and at
 * no more than MAX_NODES objects per block, so a hostile block costs little and cannot overflow
 * the stack. What lies past the bounds is not read.
 */
import type { PageMetadata } from '../types.ts';

export type JsonLdArticle = NonNullable<PageMetadata['jsonLd']>;

const ARTICLE_TYPES = new Set([
  'NewsArticle',
  'Article',
  'ReportageNewsArticle',
  'BlogPosting',
  'AnalysisNewsArticle',
  'AskPublicNewsArticle',
  'BackgroundNewsArticle',
  'OpinionNewsArticle',
  'ReviewNewsArticle',
]);

type JsonObject = Record<string, unknown>;

/** Arrays and `@graph` lists looked into, one inside another (real pages use 2-3). */
export const MAX_NESTING = 16;
/** Objects read per block (real pages have tens). */
export const MAX_NODES = 1000;

/**
 * Scans every `<script type="application/ld+json">`; malformed blocks are skipped. `scripts`: the
 * document's script elements in document order, when the caller has them already.
 */
export function readJsonLdArticle(document: Document, scripts: Iterable<Element> = document.getElementsByTagName('script')): JsonLdArticle | null {
  for (const script of scripts) {
    if (!isJsonLdType(script.getAttribute('type') ?? '')) continue;
    const parsed = parseJson(script.textContent ?? '');
    if (parsed === undefined) continue;
    const nodes = collectNodes(parsed);
    const byId = indexById(nodes);
    for (const node of nodes) {
      const type = articleType(node);
      if (type !== null) return toArticle(node, type, byId);
    }
  }
  return null;
}

function isJsonLdType(type: string): boolean {
  return type.split(';')[0]!.trim().toLowerCase() === 'application/ld+json';
}

function parseJson(text: string): unknown {
  // Some CMSs wrap the JSON in CDATA markers (Readability strips them too). Most blocks have
  // none, and the scan for the end marker tries every position of a large block.
  const body = text.includes('<![CDATA[') || text.includes(']]>') ? text.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '') : text;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The objects reachable through top-level arrays and `@graph` lists, in document order (a
 * node, then what its `@graph` holds, then its next sibling), within the bounds above.
 */
function collectNodes(root: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  // Pending values, the next one last, each with the number of arrays/lists it is inside.
  const pending: Array<[value: unknown, nesting: number]> = [[root, 0]];
  while (pending.length > 0 && out.length < MAX_NODES) {
    const [value, nesting] = pending.pop()!;
    if (Array.isArray(value)) {
      if (nesting >= MAX_NESTING) continue;
      for (let i = Math.min(value.length, MAX_NODES) - 1; i >= 0; i--) pending.push([value[i], nesting + 1]);
    } else if (isObject(value)) {
      out.push(value);
      const graph = value['@graph'];
      if (graph !== undefined && nesting < MAX_NESTING) pending.push([graph, nesting + 1]);
    }
  }
  return out;
}

function indexById(nodes: JsonObject[]): Map<string, JsonObject> {
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    const id = node['@id'];
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, node);
  }
  return byId;
}

/** The node's article type name (without a schema.org prefix), or null. */
function articleType(node: JsonObject): string | null {
  for (const raw of asArray(node['@type'])) {
    if (typeof raw !== 'string') continue;
    const name = raw.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, '');
    if (ARTICLE_TYPES.has(name)) return name;
  }
  return null;
}

function toArticle(node: JsonObject, type: string, byId: Map<string, JsonObject>): JsonLdArticle {
  return {
    type,
    headline: firstString(node['headline']) ?? firstString(node['name']),
    authors: authorNames(node['author'], byId),
    datePublished: firstString(node['datePublished']),
  };
}

function authorNames(value: unknown, byId: Map<string, JsonObject>): string[] {
  const names: string[] = [];
  for (const item of asArray(value)) {
    let name: string | null = null;
    if (typeof item === 'string') {
      name = clean(item);
    } else if (isObject(item)) {
      const node = resolveReference(item, byId);
      name = firstString(node['name']);
    }
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** `{"@id": "…"}` alone is a reference to a node defined elsewhere in the block. */
function resolveReference(item: JsonObject, byId: Map<string, JsonObject>): JsonObject {
  const id = item['@id'];
  if (typeof id === 'string' && item['name'] === undefined) return byId.get(id) ?? item;
  return item;
}

function firstString(value: unknown): string | null {
  for (const item of asArray(value)) {
    if (typeof item === 'string') {
      const text = clean(item);
      if (text) return text;
    }
  }
  return null;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
