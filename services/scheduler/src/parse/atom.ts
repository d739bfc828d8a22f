import { EntryCollector, type EntryLimits } from './entry-collector.ts';
import type { ParsedSource } from './source-types.ts';
import { attr, children, childText, type XmlDocument, type XmlNode } from './xml-document.ts';

const ATOM = 'http://www.w3.org/2005/Atom';
const ATOM03 = 'http://purl.org/atom/ns#';

/**
 * Atom 1.0 (and 0.3). The article is the entry's `rel="alternate"` link (a link with no rel is
 * an alternate, RFC 4287 §4.2.7.2), preferring an HTML one; relative hrefs resolve against
 * `xml:base` on the entry, then the feed, then the feed URL.
 */
export function parseAtom(doc: XmlDocument, baseUrl: string, limits?: EntryLimits): ParsedSource {
  const names = (local: string) => [...doc.ns.names(ATOM, local, ''), ...doc.ns.names(ATOM03, local)];
  const feedBase = resolveBase(attr(doc.root, 'xml:base'), baseUrl);
  const collector = new EntryCollector(feedBase, limits);
  for (const entry of children(doc.root, names('entry'))) {
    const entryBase = resolveBase(attr(entry, 'xml:base'), feedBase);
    const href = alternateHref(children(entry, names('link')));
    collector.add({
      link: href === undefined ? undefined : absolutize(href, entryBase),
      updated: childText(entry, [...names('updated'), ...names('modified')]),
      published: childText(entry, [...names('published'), ...names('issued')]),
      title: childText(entry, names('title')),
    });
  }
  return collector.result('atom');
}

function alternateHref(links: XmlNode[]): string | undefined {
  const alternates = links.filter((link) => {
    const rel = attr(link, 'rel')?.trim().toLowerCase();
    return (rel === undefined || rel === '' || rel === 'alternate') && attr(link, 'href') !== undefined;
  });
  const html = alternates.find((link) => /^(text\/html|application\/xhtml\+xml)\b/i.test(attr(link, 'type') ?? 'text/html'));
  return attr(html ?? alternates[0] ?? {}, 'href');
}

function resolveBase(xmlBase: string | undefined, parent: string): string {
  if (!xmlBase) return parent;
  return absolutize(xmlBase, parent);
}

function absolutize(href: string, base: string): string {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return href; // left as is: the collector rejects it with a reason
  }
}
