import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MalformedSourceError } from './errors.ts';

/** A parsed element as fast-xml-parser returns it: attributes under `@_`, text under `#text`. */
export type XmlNode = Record<string, unknown>;

export interface XmlDocument {
  /** The root element's qualified name as written, e.g. `rss`, `rdf:RDF`, `atom:feed`. */
  rootName: string;
  /** The root element's local name (prefix removed). */
  rootLocal: string;
  root: XmlNode;
  ns: Namespaces;
}

// Tag values stay strings (no number coercion: "2024" is a title, not a number); entity limits
// stay at the library's defaults, which stop billion-laughs style expansion.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  removeNSPrefix: false,
  maxNestedTags: 200,
});

/**
 * Validates then parses an XML document. Validation first, because the parser alone accepts
 * unbalanced tags silently; a feed with a broken structure must fail loudly with a position.
 */
export function parseXmlDocument(text: string, what: string): XmlDocument {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new MalformedSourceError(`${what} is not well-formed XML (line ${line}, column ${col}): ${msg}`);
  }
  let parsed: XmlNode;
  try {
    parsed = parser.parse(text) as XmlNode;
  } catch (error) {
    throw new MalformedSourceError(`${what} could not be parsed as XML: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const rootName = Object.keys(parsed).find((key) => !key.startsWith('?') && !key.startsWith('#') && !key.startsWith('!'));
  if (rootName === undefined) throw new MalformedSourceError(`${what} has no root element`);
  const root = asNode(parsed[rootName]);
  return { rootName, rootLocal: localName(rootName), root, ns: Namespaces.fromElements([root]) };
}

export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

/**
 * Maps namespace URIs to the prefixes a document bound them to. fast-xml-parser keeps prefixes
 * as written, so `<n:news>` is found by asking for the news namespace, not by trusting that the
 * publisher chose the conventional prefix. Declarations are read from the root (and any element
 * passed in), which is where feeds and sitemaps put them; the conventional prefix is the
 * fallback for documents that use a prefix without declaring it.
 */
export class Namespaces {
  private constructor(private readonly prefixes: Map<string, Set<string>>) {}

  static fromElements(elements: XmlNode[]): Namespaces {
    const prefixes = new Map<string, Set<string>>();
    for (const element of elements) {
      for (const [key, value] of Object.entries(element)) {
        if (typeof value !== 'string') continue;
        let prefix: string | undefined;
        if (key === '@_xmlns') prefix = '';
        else if (key.startsWith('@_xmlns:')) prefix = key.slice('@_xmlns:'.length);
        if (prefix === undefined) continue;
        const uri = value.trim();
        if (!prefixes.has(uri)) prefixes.set(uri, new Set());
        prefixes.get(uri)!.add(prefix);
      }
    }
    return new Namespaces(prefixes);
  }

  /** The qualified names `local` may appear under in the namespace `uri`. */
  names(uri: string, local: string, conventionalPrefix?: string): string[] {
    const names: string[] = [];
    for (const prefix of this.prefixes.get(uri) ?? []) names.push(prefix === '' ? local : `${prefix}:${local}`);
    if (conventionalPrefix !== undefined) {
      const conventional = conventionalPrefix === '' ? local : `${conventionalPrefix}:${local}`;
      if (!names.includes(conventional)) names.push(conventional);
    }
    return names;
  }
}

export function asNode(value: unknown): XmlNode {
  if (Array.isArray(value)) return asNode(value[0]);
  if (value !== null && typeof value === 'object') return value as XmlNode;
  // `<feed/>` parses to '' and `<x>text</x>` to 'text': treat both as an element with text.
  return typeof value === 'string' ? { '#text': value } : {};
}

/** All children with any of `names`, in document order per name, as nodes. */
export function children(node: XmlNode, names: string[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const name of names) {
    const value = node[name];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) out.push(asNode(item));
  }
  return out;
}

/** The text of the first child with any of `names` (CDATA included), or undefined. */
export function childText(node: XmlNode, names: string[]): string | undefined {
  for (const name of names) {
    const value = node[name];
    if (value === undefined) continue;
    const text = textOf(Array.isArray(value) ? value[0] : value);
    if (text !== undefined && text !== '') return text;
  }
  return undefined;
}

export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value !== null && typeof value === 'object') {
    const text = (value as XmlNode)['#text'];
    if (text !== undefined) return textOf(text);
  }
  return undefined;
}

export function attr(node: XmlNode, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}
