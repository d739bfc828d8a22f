/**
 * What the prefilter removes, decided from one start tag (name and raw attribute values).
 *
 * Everything removed here is something a browser never shows and that neither Readability nor
 * extract reads: scripts other than JSON-LD, styles, templates, inline SVG, and elements hidden
 * the way Readability's `_isProbablyVisible` recognises (`hidden`, `aria-hidden="true"` without
 * the "fallback-image" class, inline `display:none` / `visibility:hidden`). Readability would
 * drop each of them later; dropping them before the DOM is built saves building them.
 */

export type Removal =
  /** The element and everything in it. */
  | 'element'
  /** Only what is inside (the element stays, empty). */
  | 'content';

/**
 * Never removed as hidden: the document's frame, elements HTML closes by itself (a later start
 * tag ends them, so their extent depends on the parser), formatting elements (HTML reopens them
 * after a misnested end tag) and table structure (HTML moves misplaced content out of tables).
 * Readability still drops them if they are hidden.
 */
const NEVER_HIDDEN_CANDIDATES = new Set([
  'html', 'head', 'body',
  'p', 'li', 'dd', 'dt', 'option', 'optgroup', 'rb', 'rt', 'rp', 'rtc',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
  'a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u',
  'select', 'textarea', 'title', 'noscript', 'math',
  // extract reads these from the head.
  'meta', 'link', 'base',
  // Readability picks the article title from h1/h2 anywhere in the page, hidden or not.
  'h1', 'h2',
]);

export type Attributes = Record<string, string>;

/** A raw attribute value, or undefined when the start tag has no such attribute. */
export function attribute(attribs: Attributes, name: string): string | undefined {
  return Object.hasOwn(attribs, name) ? attribs[name] : undefined;
}

/** `type` values that mark a script as JSON-LD (extract and Readability read those). */
export function isJsonLdScript(attribs: Attributes): boolean {
  const type = attribute(attribs, 'type');
  if (type === undefined) return false;
  // Attribute values are raw (entities not decoded): keep anything we cannot read for sure.
  return type.includes('&') || /^\s*application\/ld\+json\s*$/i.test(type);
}

export function removalFor(name: string, attribs: Attributes): Removal | null {
  switch (name) {
    case 'script':
      return isJsonLdScript(attribs) ? null : 'element';
    case 'style':
    case 'template':
    case 'svg':
      return 'element';
    case 'iframe':
      // An iframe's own text is fallback markup no browser shows; jsdom keeps it as raw text.
      return 'content';
    default:
      return !NEVER_HIDDEN_CANDIDATES.has(name) && isHidden(attribs) ? 'element' : null;
  }
}

/** Readability's `_isProbablyVisible`, inverted, read from raw attribute values. */
export function isHidden(attribs: Attributes): boolean {
  if (Object.hasOwn(attribs, 'hidden')) return true;
  if (attribute(attribs, 'aria-hidden') === 'true' && !(attribute(attribs, 'class') ?? '').includes('fallback-image')) {
    return true;
  }
  const style = attribute(attribs, 'style');
  return style !== undefined && styleHides(style);
}

/**
 * True only when the inline style surely sets `display: none` or `visibility: hidden` as jsdom's
 * CSSStyleDeclaration reads it (later declarations win, `!important` beats plain). Anything the
 * simple reading cannot be sure of (escapes, comments, entities, quotes) counts as visible.
 */
export function styleHides(style: string): boolean {
  if (!/display|visibility/.test(style)) return false;
  if (/[\\"'&]|\/\*/.test(style)) return false;
  const effective = new Map<string, { value: string; important: boolean }>();
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim();
    if (property !== 'display' && property !== 'visibility') continue;
    let value = declaration.slice(colon + 1).trim().toLowerCase();
    const important = /!\s*important$/.test(value);
    if (important) value = value.replace(/!\s*important$/, '').trim();
    const previous = effective.get(property);
    if (previous?.important && !important) continue;
    effective.set(property, { value, important });
  }
  return effective.get('display')?.value === 'none' || effective.get('visibility')?.value === 'hidden';
}
