/**
 * A DOM tree in the html5lib-tests dump format (tree-construction/README.md of
 * github.com/html5lib/html5lib-tests): one line per node, "| " then two spaces per ancestor;
 * elements as <name> (foreign ones as <svg name> / <math name>), their attributes sorted below
 * them, text in double quotes, comments as <!-- data -->, template contents under "content".
 * Works on any standard DOM (linkedom and jsdom alike).
 */
const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
const ATTRIBUTE_NAMESPACES: Record<string, string> = {
  'http://www.w3.org/1999/xlink': 'xlink',
  'http://www.w3.org/XML/1998/namespace': 'xml',
  'http://www.w3.org/2000/xmlns/': 'xmlns',
};
/**
 * The attributes the tree builder puts in a namespace on foreign elements (the HTML standard's
 * "adjust foreign attributes"). linkedom has no attribute namespaces: the builder keeps these
 * under their qualified name, which the dump reads back.
 */
const FOREIGN_QUALIFIED = new Set([
  'xlink:actuate', 'xlink:arcrole', 'xlink:href', 'xlink:role', 'xlink:show', 'xlink:title', 'xlink:type',
  'xml:lang', 'xml:space', 'xmlns', 'xmlns:xlink',
]);

function attributeName(attr: Attr, foreign: boolean): string {
  const namespace = attr.namespaceURI ? ATTRIBUTE_NAMESPACES[attr.namespaceURI] : undefined;
  if (namespace !== undefined) return `${namespace} ${attr.localName}`;
  if (attr.namespaceURI === undefined && foreign && FOREIGN_QUALIFIED.has(attr.name)) {
    return attr.name === 'xmlns' ? 'xmlns xmlns' : attr.name.replace(':', ' ');
  }
  return attr.name;
}

function elementName(element: Element): string {
  if (element.namespaceURI === SVG_NS) return `svg ${element.localName}`;
  if (element.namespaceURI === MATHML_NS) return `math ${element.localName}`;
  return element.localName;
}

export function dumpTree(document: Document): string {
  const lines: string[] = [];
  const walk = (parent: Node, depth: number): void => {
    const indent = `| ${'  '.repeat(depth)}`;
    for (const node of parent.childNodes) {
      switch (node.nodeType) {
        case node.DOCUMENT_TYPE_NODE: {
          const { name, publicId, systemId } = node as DocumentType;
          lines.push(`${indent}<!DOCTYPE ${name}${publicId || systemId ? ` "${publicId}" "${systemId}"` : ''}>`);
          break;
        }
        case node.COMMENT_NODE:
          lines.push(`${indent}<!-- ${(node as Comment).data} -->`);
          break;
        case node.TEXT_NODE:
          lines.push(`${indent}"${(node as Text).data}"`);
          break;
        case node.ELEMENT_NODE: {
          const element = node as Element;
          lines.push(`${indent}<${elementName(element)}>`);
          const foreign = element.namespaceURI !== HTML_NS && element.namespaceURI !== null;
          const attrs = Array.from(element.attributes, (attr) => [attributeName(attr, foreign), attr.value] as const);
          attrs.sort(([a], [b]) => byCodeUnits(a, b));
          for (const [name, value] of attrs) lines.push(`${indent}  ${name}="${value}"`);
          if (element.namespaceURI === HTML_NS && element.localName === 'template') {
            lines.push(`${indent}  content`);
            walk((element as HTMLTemplateElement).content, depth + 2);
          } else {
            walk(element, depth + 1);
          }
          break;
        }
      }
    }
  };
  walk(document, 0);
  return lines.join('\n');
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
