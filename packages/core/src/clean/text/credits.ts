/**
 * Photo credit patterns: whole-line credits ("Photo: Damian Dovarganes, AP", "Getty Images",
 * "(Image: © TNG Collaboration)") and credits glued to the end of a caption ("… Ukraine. Getty
 * Images | Anastasia Vlasova", "… (AP Photo/Alan Diaz, File)", "… Photo by Joe Raedle/Getty
 * Images"). Labels are capitalised and anchored so that prose like "a photo shared by the
 * ministry" never matches.
 */

const AGENCIES =
  'Getty Images|Getty|AFP|AP|Associated Press|Reuters|REUTERS|EPA|EPA-EFE|EFE|dpa|DPA|ANSA|PA|PA Images|PA Wire|' +
  'Bloomberg|Shutterstock|Alamy|iStock|iStockphoto|Xinhua|Imago|IMAGO|Keystone|Sipa|SIPA|' +
  'NurPhoto|Anadolu|Europa Press|TASS|Sputnik|Zuma|ZUMA|Rex|REX|Splash News|WireImage|' +
  'NASA|ESA|Unsplash|Pixabay|Pexels|Wikimedia Commons|Twitter|Instagram|Facebook|YouTube|Handout|File';

/** Agencies that sell photos; a line naming only these is a credit. */
const PHOTO_AGENCIES =
  'Getty Images|Getty|AFP|AP|Associated Press|Reuters|REUTERS|EPA|EPA-EFE|EFE|dpa|DPA|ANSA|PA Images|PA Wire|' +
  'Bloomberg|Shutterstock|Alamy|iStock|iStockphoto|Xinhua|Imago|IMAGO|Keystone|Sipa|SIPA|NurPhoto|' +
  'Anadolu|Europa Press|Zuma|ZUMA|Rex|REX|Splash News|WireImage';

/** Capitalised credit labels (singular: "Photos: …" is usually a gallery headline). */
const LABEL =
  '(?:Photo(?:graph)?|Image|Picture|Foto(?:grafía)?|Bild|Imagen|Illustration|' +
  'Crédits?(?: photo)?|Credits?|Photo credit|Image credit|Bildquelle)';

/** A whole block that is only a credit. */
const CREDIT_LINE: readonly RegExp[] = [
  // "Photo: Damian Dovarganes, AP", "(Image: © TNG Collaboration)", "Credit...Doug Mills/NYT"
  new RegExp(`^\\(?\\s*${LABEL}\\s*(?::|…|\\.{3}|by\\b)\\s*[^()]{1,90}?\\s*\\)?$`, 'u'),
  // "Natalie Naccache | Bloomberg | Getty Images", "Getty Images | Anastasia Vlasova"
  new RegExp(`^(?:[^|]{1,50}\\|\\s*)*(?:${PHOTO_AGENCIES})(?:\\s*\\|\\s*[^|]{1,50})*$`, 'u'),
  // "REUTERS/Brendan McDermid", "AP Photo/Evan Vucci"
  /^\(?(?:REUTERS|Reuters|AFP|AP(?: Photo)?|EPA|ANSA|dpa)\s?\/\s?\p{Lu}[^()]{1,60}\)?$/u,
  // BBC: "Image copyright Getty Images", "Image source Reuters"
  /^(?:Image|Photo|Picture|Media) (?:copyright|source|credit)\s+\S.{0,70}$/u,
  // "Sakib Ali/Hindustan Times/Getty Images", "Name/Agency"
  new RegExp(`^\\p{Lu}[\\p{L}\\p{M}.'’\\- ]{1,40}(?:\\/[\\p{L}\\p{M}.'’\\- ]{1,40}){0,3}\\/(?:${PHOTO_AGENCIES})$`, 'u'),
  // "© Aaron Schwartz", "© Amazon" (a year means a copyright footer instead)
  /^(?:©|\(c\)|Ⓒ)\s*(?!\s*(?:\d{4}|copyright))\p{Lu}[\p{L}\p{M}.'’\- ]{1,60}$/u,
];

/** Credits glued to the end of a caption; group `credit` is the credit. */
export const TRAILING_CREDIT: readonly RegExp[] = [
  // "(AP Photo/Alan Diaz, File)", "(Photo: Getty Images)", "(Photo by Kevin Mazur/Getty Images)"
  new RegExp(
    `\\s*(?<credit>\\((?:(?:${AGENCIES})\\s+)?${LABEL}s?\\s*(?::|\\/|\\bby\\b)\\s*[^()]{1,100}\\))\\s*$`,
    'u',
  ),
  // "… Ukraine. Getty Images | Anastasia Vlasova", "… Bloomberg | Getty Images"
  new RegExp(
    `(?<=[.!?…"”’)]\\s?|^)\\s*(?<credit>(?:[\\p{L}\\p{M} .'’\\-]{1,50}\\|\\s*)*(?:Getty Images|Bloomberg|Reuters|AFP|AP|Shutterstock)(?:\\s*\\|\\s*[\\p{L}\\p{M} .'’\\-]{1,50})+)\\s*$`,
    'u',
  ),
  // "… Photo by Joe Raedle/Getty Images", "… Photograph: Name/Agency", "… Foto: dpa"
  new RegExp(
    `(?<=[.!?…"”’)]\\s?)\\s*(?<credit>(?:Photo(?:graph)?s?|Foto|Bild|Image|Imagen|Crédit photo|Illustration)(?:\\s+by\\b|\\s?:)\\s*[^.!?]{2,90}?)\\.?\\s*$`,
    'u',
  ),
  // "… in New York, U.S., November 18, 2019. REUTERS/Brendan McDermid"
  /(?<=[.!?…"”’)]\s?)\s*(?<credit>(?:REUTERS|Reuters|AFP|AP Photo|EPA(?:-EFE)?|ANSA)\s?\/\s?\p{Lu}[^.!?]{1,60}?)\.?\s*$/u,
  // "…sought treatmentCredit: EPA", "… Credit...Doug Mills/The New York Times"
  /(?<credit>Credit(?::|…|\.{3})\s*[^.!?]{1,80}?)\.?\s*$/u,
  // "(NASA/JPL-Caltech/ASU)", "(Joshua Roberts/Reuters)", "( STEVE GSCHMEISSNER/SCIENCE PHOTO LIBRARY)"
  /\s*(?<credit>\(\s*\p{Lu}[\p{L}\p{M}.'’\- &]{0,40}(?:\/\s*\p{Lu}[\p{L}\p{M}.'’\- &]{0,40}){1,3}(?:,\s*File)?\s*\))\s*$/u,
  // "(Image: GETTY )", "(Image credit: All About Space)", "(credit: NASA/Jude Guidry)"
  /\s*(?<credit>\((?:(?:Image|Photo)(?: credits?)?|credits?)\s*:\s*[^()]{1,80}\))\s*$/iu,
  // "…, installation views, photos © Inexhibit, 2018"
  /,?\s*(?<credit>(?:photos?|images?|pictures?|fotos?)\s*(?:©|\(c\))\s*[^.!?]{1,60})$/iu,
  // "… in New York.Reuters" (agency glued to the last full stop)
  new RegExp(`(?<=[.!?])(?<credit>(?:Getty Images|Reuters|AFP|AP|EPA|Bloomberg))\\s*$`, 'u'),
];

/** "© John Brecher Needle poking skin…": a credit name run, then the caption's first word. */
const LEADING_COPYRIGHT = /^(?:©|Ⓒ)\s*(?<names>(?:\p{Lu}[\p{L}\p{M}.'’-]*\s+){1,4})(?<first>\p{Lu}[\p{L}\p{M}'’-]*)\s+(?<rest>\p{Ll}.*)$/u;

/** BBC-style prefixes: "Image caption …", "Media caption…". */
const CAPTION_PREFIX = /^(?:Image|Media|Video|Photo) ?caption\s*/u;

export const CREDIT_PATTERNS: readonly RegExp[] = [...CREDIT_LINE, ...TRAILING_CREDIT, CAPTION_PREFIX, LEADING_COPYRIGHT];

/** The credit when the whole text is only a photo credit (at most 100 characters). */
export function creditLine(text: string): string | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 100) return null;
  return CREDIT_LINE.some((re) => re.test(t)) ? t.replace(/^\(\s*|\s*\)$/gu, '') : null;
}

export interface CaptionParts {
  caption: string;
  credit: string | null;
  /** True when only a weak pattern matched (a bare "(Name/Agency)" or a glued agency name). */
  weak?: boolean;
}

/** How much of a caption's end is searched for a glued credit. */
const TAIL_SCAN = 240;

/** Indices in TRAILING_CREDIT of the patterns without an explicit label. */
const WEAK_TRAILING = new Set([5, 8]);

/** A `)` closing the text. */
const CLOSES_WITH_PARENTHESIS = /\)\s*$/u;

/**
 * What each TRAILING_CREDIT pattern cannot match without (same index): a cheap test that spares
 * most captions and paragraphs the full patterns, which try every position of the tail.
 */
export const TRAILING_CREDIT_NEEDS: ReadonlyArray<(tail: string) => boolean> = [
  (t) => CLOSES_WITH_PARENTHESIS.test(t),
  (t) => t.includes('|'),
  (t) => ['Photo', 'Foto', 'Bild', 'Image', 'Crédit photo', 'Illustration'].some((w) => t.includes(w)),
  (t) => t.includes('/'),
  (t) => t.includes('Credit'),
  (t) => t.includes('/') && CLOSES_WITH_PARENTHESIS.test(t),
  (t) => t.includes(':') && CLOSES_WITH_PARENTHESIS.test(t),
  (t) => t.includes('©') || /\(c\)/iu.test(t),
  (t) => ['Getty Images', 'Reuters', 'AFP', 'AP', 'EPA', 'Bloomberg'].some((w) => t.includes(w)),
];

/** Split "caption + glued credit"; null when no credit is glued to the end. */
export function trailingCredit(text: string): CaptionParts | null {
  // Credits are short: scan only the tail (keeping a little context for the look-behinds).
  const offset = Math.max(0, text.length - TAIL_SCAN);
  const tail = text.slice(offset);
  for (const [k, re] of TRAILING_CREDIT.entries()) {
    if (TRAILING_CREDIT_NEEDS[k]?.(tail) === false) continue;
    const m = re.exec(tail);
    const credit = m?.groups?.credit;
    // A match at the cut would rely on "^" or on context that was cut away.
    if (!m || !credit || (offset > 0 && m.index === 0)) continue;
    const caption = text.slice(0, offset + m.index).trim();
    if (caption.length < 3) continue;
    const tidy = credit.trim().replace(/^\(\s*|\s*\)$/gu, '');
    return WEAK_TRAILING.has(k) ? { caption, credit: tidy, weak: true } : { caption, credit: tidy };
  }
  return null;
}

/** "© Lucy Nicholson Detainees at Otay Mesa…" -> credit "© Lucy Nicholson", caption "Detainees at…". */
export function leadingCredit(text: string): CaptionParts | null {
  const m = LEADING_COPYRIGHT.exec(text.trim());
  const g = m?.groups;
  if (!g?.names || !g.first || g.rest === undefined) return null;
  return { caption: `${g.first} ${g.rest}`.trim(), credit: `© ${g.names.trim()}` };
}

/** "Image caption Scooter Braun has…" -> the caption without its label; null otherwise. */
export function prefixedCaption(text: string): string | null {
  const m = CAPTION_PREFIX.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).trim();
  return rest.length > 0 ? rest : null;
}

/** Best effort caption/credit split of any caption text (figcaptions, caption blocks). */
export function splitCaption(text: string): CaptionParts {
  const t = text.trim();
  const line = creditLine(t);
  if (line) return { caption: '', credit: line };
  const prefixed = prefixedCaption(t);
  const body = prefixed ?? t;
  return trailingCredit(body) ?? { caption: body, credit: null };
}
