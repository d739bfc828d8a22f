/**
 * The HTML5 tree builder: parse5 (the WHATWG tree construction, the one jsdom uses) building
 * linkedom nodes directly, so the tree is the one a browser builds (misnested tags, foster
 * parenting, the adoption agency, stray </body> and </html>, framesets, templates) while
 * Readability walks linkedom's light DOM.
 *
 * Lean by design, as this runs on every page: no source locations; children are linked into
 * linkedom's node list (each node's NEXT/PREV, an element's END marker) the way linkedom's own
 * parser links them, not through appendChild's checks and callbacks; attributes too. Only the
 * rare moves (foster parenting, the adoption agency, detaching) go through linkedom's DOM
 * methods. linkedom keeps those links under module-private symbols: they are found by name on
 * nodes linkedom makes (`linkedomInternals`), and the builder refuses to run if they are not
 * there (a linkedom upgrade then fails loudly in the tests, not silently in the archive).
 */
import { DOMParser as LinkedomParser } from 'linkedom';
import { parse, type TreeAdapter, type TreeAdapterTypeMap, type Token } from 'parse5';
import { insertionParent, type ParentLink } from './tree-depth.ts';

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';
const TEXT_NODE = 3;
const COMMENT_NODE = 8;
const DOCUMENT_TYPE_NODE = 10;
const ELEMENT_NODE = 1;

/** A linkedom node, with the internal links the builder sets. */
type LNode = ChildNode & ParentNode & Record<symbol, unknown>;
type LElement = Element & LNode;

interface LinkedomInternals {
  next: symbol;
  prev: symbol;
  end: symbol;
  value: symbol;
  content: symbol;
  privateKey: symbol;
  doctype: symbol;
  Attr: new (ownerDocument: Document, name: string, value: string) => LNode;
  DocumentType: new (ownerDocument: Document, name: string, publicId: string, systemId: string) => LNode;
}

let internals: LinkedomInternals | undefined;

/** linkedom's private link symbols and the constructors it does not export, found on nodes it makes. */
function linkedomInternals(): LinkedomInternals {
  if (internals !== undefined) return internals;
  const probe = new LinkedomParser().parseFromString('<!doctype html><p class="x"></p><template></template>', 'text/html');
  const symbol = (node: object, description: string): symbol => {
    const found = Object.getOwnPropertySymbols(node).find((s) => s.description === description);
    if (found === undefined) throw new Error(`linkedom has changed: its nodes have no "${description}" link; html5-builder.ts needs updating`);
    return found;
  };
  const element = probe.querySelector('p')!;
  const attr = element.getAttributeNode('class')!;
  internals = {
    next: symbol(element, 'next'),
    prev: symbol(element, 'prev'),
    end: symbol(element, 'end'),
    value: symbol(attr, 'value'),
    content: symbol(probe.querySelector('template')!, 'content'),
    privateKey: symbol(element, 'private'),
    doctype: symbol(probe, 'doctype'),
    Attr: attr.constructor as LinkedomInternals['Attr'],
    DocumentType: probe.doctype!.constructor as LinkedomInternals['DocumentType'],
  };
  return internals;
}

interface LinkedomTypes extends TreeAdapterTypeMap {
  node: LNode;
  parentNode: LNode;
  childNode: LNode;
  document: Document & LNode;
  documentFragment: DocumentFragment & LNode;
  element: LElement;
  commentNode: Comment & LNode;
  textNode: Text & LNode;
  template: LElement;
  documentType: DocumentType & LNode;
}

/**
 * Parses `html` as a browser parses a text/html document with scripting disabled (as jsdom's
 * DOMParser does: <noscript> content is markup) into a new linkedom HTML document. The tree
 * obeys the depth cap of tree-depth.ts.
 */
export function buildHtml5Document(html: string): Document {
  const document = new LinkedomParser().parseFromString('', 'text/html') as unknown as Document & LNode;
  parse(html, { treeAdapter: linkedomTreeAdapter(document), scriptingEnabled: false });
  return document;
}

function linkedomTreeAdapter(document: Document & LNode): TreeAdapter<LinkedomTypes> {
  const { next: NEXT, prev: PREV, end: END, value: VALUE, content: CONTENT, privateKey: PRIVATE, doctype: DOCTYPE, Attr, DocumentType } =
    linkedomInternals();
  let mode: string = 'no-quirks';
  // Elements parse5 holds open: the depth cap's count (tree-depth.ts).
  let open = 0;

  /** Links a detached node (an element with its whole subtree) as the last child of `parent`. */
  const link = (parent: LNode, node: LNode): void => {
    const end = parent[END] as LNode;
    const prev = end[PREV] as LNode;
    (node as { parentNode: unknown }).parentNode = parent;
    prev[NEXT] = node;
    node[PREV] = prev;
    const last = (node.nodeType === ELEMENT_NODE ? node[END] : node) as LNode;
    last[NEXT] = end;
    end[PREV] = last;
  };

  const createElement = (tagName: string, namespaceURI: string, attrs: Token.Attribute[]): LElement => {
    let element: LElement;
    if (namespaceURI === HTML_NS) element = document.createElement(tagName) as unknown as LElement;
    else {
      element = document.createElementNS(namespaceURI, tagName) as unknown as LElement;
      // linkedom makes every element outside SVG an HTML one (MathML): the tree builder and
      // the DOM must see its real namespace.
      if (namespaceURI !== SVG_NS) Object.defineProperty(element, 'namespaceURI', { value: namespaceURI });
    }
    if (attrs.length > 0) {
      // Attributes sit in linkedom's list between the element and its END, in order.
      const end = element[END] as LNode;
      for (const { name, value, prefix } of attrs) {
        const attribute = new Attr(document, prefix ? `${prefix}:${name}` : name, value);
        (attribute as unknown as { ownerElement: Element }).ownerElement = element;
        const prev = end[PREV] as LNode;
        prev[NEXT] = attribute;
        attribute[PREV] = prev;
        attribute[NEXT] = end;
        end[PREV] = attribute;
      }
    }
    return element;
  };

  /** Where a node for `parent` goes: the depth cap of tree-depth.ts. */
  interface Linked extends ParentLink<Linked> {}
  const capped = (parent: LNode): LNode => insertionParent(parent as unknown as Linked, open) as unknown as LNode;

  return {
    createDocument: () => document,
    createDocumentFragment: () => document.createDocumentFragment() as DocumentFragment & LNode,
    createElement,
    createCommentNode: (data) => document.createComment(data) as Comment & LNode,
    createTextNode: (value) => document.createTextNode(value) as Text & LNode,

    appendChild(parent, node) {
      link(capped(parent), node);
    },
    insertBefore(parent, node, reference) {
      parent.insertBefore(node, reference);
    },
    setTemplateContent(template, content) {
      template[CONTENT] = content;
      content[PRIVATE] = template;
    },
    getTemplateContent: (template) => template[CONTENT] as DocumentFragment & LNode,
    setDocumentType(doc, name, publicId, systemId) {
      const existing = doc[DOCTYPE] as LNode | undefined;
      if (existing) existing.remove();
      const doctype = new DocumentType(doc, name, publicId, systemId);
      (doctype as { parentNode: unknown }).parentNode = doc;
      // linkedom's own place for it: first in the document.
      const first = doc[NEXT] as LNode;
      doc[NEXT] = doctype;
      doctype[PREV] = doc;
      doctype[NEXT] = first;
      first[PREV] = doctype;
      doc[DOCTYPE] = doctype;
    },
    setDocumentMode(_doc, value) {
      mode = value;
    },
    getDocumentMode: () => mode as never,
    detachNode(node) {
      if (node.parentNode !== null) node.remove();
    },
    insertText(parent, text) {
      const target = capped(parent);
      const last = (target[END] as LNode)[PREV] as LNode;
      // A text node right before the parent's END is its last child: the text joins it.
      if (last.nodeType === TEXT_NODE) last[VALUE] += text;
      else link(target, document.createTextNode(text) as unknown as LNode);
    },
    insertTextBefore(parent, text, reference) {
      const previous = reference.previousSibling as LNode | null;
      if (previous !== null && previous.nodeType === TEXT_NODE) previous[VALUE] += text;
      else parent.insertBefore(document.createTextNode(text), reference);
    },
    adoptAttributes(recipient, attrs) {
      for (const { name, value, prefix } of attrs) {
        const qualified = prefix ? `${prefix}:${name}` : name;
        if (!recipient.hasAttribute(qualified)) recipient.setAttribute(qualified, value);
      }
    },

    getFirstChild: (node) => node.firstChild as unknown as LNode,
    getChildNodes: (node) => [...node.childNodes] as unknown as LNode[],
    getParentNode: (node) => node.parentNode as unknown as LNode | null,
    getAttrList: (element) => Array.from(element.attributes, (a) => ({ name: a.name, value: a.value })),
    getTagName: (element) => element.localName,
    getNamespaceURI: (element) => (element.namespaceURI ?? HTML_NS) as never,
    getTextNodeContent: (node) => node.data,
    getCommentNodeContent: (node) => node.data,
    getDocumentTypeNodeName: (node) => node.name,
    getDocumentTypeNodePublicId: (node) => node.publicId,
    getDocumentTypeNodeSystemId: (node) => node.systemId,
    isTextNode: (node): node is Text & LNode => node.nodeType === TEXT_NODE,
    isCommentNode: (node): node is Comment & LNode => node.nodeType === COMMENT_NODE,
    isDocumentTypeNode: (node): node is DocumentType & LNode => node.nodeType === DOCUMENT_TYPE_NODE,
    isElementNode: (node): node is LElement => node.nodeType === ELEMENT_NODE,

    setNodeSourceCodeLocation() {},
    getNodeSourceCodeLocation: () => undefined,
    updateNodeSourceCodeLocation() {},
    onItemPush() {
      open++;
    },
    onItemPop() {
      open--;
    },
  };
}
