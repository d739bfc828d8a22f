import { EntryCollector, type EntryLimits } from './entry-collector.ts';
import { MalformedSourceError } from './errors.ts';
import type { ParsedSource } from './source-types.ts';
import { Namespaces, attr, children, childText, type XmlDocument, type XmlNode } from './xml-document.ts';

const DC = 'http://purl.org/dc/elements/1.1/';
const ATOM = 'http://www.w3.org/2005/Atom';
const FEEDBURNER = 'http://rssnamespace.org/feedburner/ext/1.0';
const RSS1 = 'http://purl.org/rss/1.0/';

/**
 * RSS 2.0 (and 0.9x), and RSS 1.0 (RDF) whose items sit beside the channel. The article link is
 * `feedburner:origLink` when present (FeedBurner rewrites `<link>` to its own redirector), else
 * `<link>`, else a `<guid>` that is a permalink.
 */
export function parseRss(doc: XmlDocument, baseUrl: string, limits?: EntryLimits): ParsedSource {
  const items = doc.rootLocal === 'RDF' ? rdfItems(doc) : rss2Items(doc);
  const ns = Namespaces.fromElements([doc.root, ...children(doc.root, ['channel'])]);
  const collector = new EntryCollector(baseUrl, limits);
  for (const item of items) {
    collector.add({
      link: itemLink(item, ns, doc.rootLocal === 'RDF'),
      published: childText(item, ['pubDate', ...ns.names(DC, 'date', 'dc')]),
      updated: childText(item, [...ns.names(ATOM, 'updated', 'atom'), ...ns.names(DC, 'modified', 'dc')]),
      title: childText(item, doc.rootLocal === 'RDF' ? ns.names(RSS1, 'title', '') : ['title']),
    });
  }
  return collector.result('rss');
}

function rss2Items(doc: XmlDocument): XmlNode[] {
  const channels = children(doc.root, ['channel']);
  if (channels.length === 0) throw new MalformedSourceError('RSS feed has no <channel> element');
  return channels.flatMap((channel) => children(channel, ['item']));
}

function rdfItems(doc: XmlDocument): XmlNode[] {
  const names = doc.ns.names(RSS1, 'item', '');
  if (children(doc.root, doc.ns.names(RSS1, 'channel', '')).length === 0) {
    throw new MalformedSourceError('RSS 1.0 feed has no <channel> element');
  }
  return children(doc.root, names);
}

function itemLink(item: XmlNode, ns: Namespaces, rdf: boolean): string | undefined {
  const orig = childText(item, ns.names(FEEDBURNER, 'origLink', 'feedburner'));
  if (orig) return orig;
  const link = childText(item, rdf ? ns.names(RSS1, 'link', '') : ['link']);
  if (link) return link;
  if (rdf) return attr(item, 'rdf:about');
  const guid = children(item, ['guid'])[0];
  // A guid is a permalink unless it says otherwise (RSS 2.0 spec, isPermaLink defaults to true).
  if (guid && attr(guid, 'isPermaLink')?.trim().toLowerCase() !== 'false') return childText(item, ['guid']);
  return undefined;
}
