import { uni } from './text-utils.ts';
/**
 * Person-name parsing for bylines and credit lines. Deliberately strict: a byline candidate is
 * accepted only when everything after the "By" is a list of capitalised names (plus an optional
 * date or role tail), so prose such as "By March, the army had…" never parses.
 */

/** Words that look capitalised but never start a name in a byline. */
const NOT_NAME_WORDS = new Set(
  [
    // weekdays and months (en, de, fr, es, pt, it, id): "By Monday…", "By March, …"
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
    'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
    'sept', 'oct', 'nov', 'dec', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag',
    'samstag', 'sonntag', 'januar', 'februar', 'märz', 'mai', 'juni', 'juli', 'oktober',
    'dezember', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
    'janvier', 'février', 'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre',
    'novembre', 'décembre', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado',
    'domingo', 'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto',
    'septiembre', 'octubre', 'noviembre', 'diciembre', 'maret', 'mei', 'agustus', 'desember',
    // function words that start prose, not names
    'the', 'a', 'an', 'this', 'that', 'these', 'those', 'then', 'now', 'far', 'contrast',
    'comparison', 'default', 'way', 'all', 'some', 'most', 'many', 'his', 'her', 'their', 'its',
    'our', 'my', 'your', 'no', 'not', 'one', 'two', 'three', 'early', 'late', 'mid', 'noon',
    'midnight', 'tonight', 'today', 'tomorrow', 'yesterday', 'next', 'last', 'year', 'end',
    'der', 'die', 'das', 'le', 'la', 'les', 'el', 'los', 'las', 'un', 'une', 'el',
  ],
);

/** Lower-case particles allowed inside a name: "Ursula von der Leyen", "Luis de Guindos". */
const PARTICLES = new Set([
  'de', 'da', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'van', 'von', 'bin', 'ibn',
  'al', 'el', 'ten', 'ter', 'dos', 'das', 'do', 'zu', 'vom',
]);

/** One word of a name: capitalised (or all caps), may hold apostrophes, hyphens, dots. */
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.\-]*$/u;
/** An initial such as "J." or "L." */
const INITIAL = /^\p{Lu}\.$/u;

/** Separators between names in a list. */
export const NAME_LIST_SEPARATOR = uni(/\s*(?:,|;|&|\+|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*/u);

/** Is `part` a plausible person (or agency) name of 1-5 words? */
export function isNameLike(part: string): boolean {
  const words = part.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0 || words.length > 5) return false;
  const first = words[0] as string;
  if (NOT_NAME_WORDS.has(first.toLowerCase())) return false;
  for (const [k, w] of words.entries()) {
    if (PARTICLES.has(w) && k > 0 && k < words.length - 1) continue;
    if (!NAME_WORD.test(w) && !INITIAL.test(w)) return false;
  }
  const last = words[words.length - 1] as string;
  // A single word name must not be a weekday or month ("By Friday").
  if (words.length === 1 && NOT_NAME_WORDS.has(last.toLowerCase())) return false;
  return true;
}

/**
 * Split a list such as "Stefan Becket, Kathryn Watson and Grace Segers" into names; null when
 * any part is not name-like.
 */
export function parseNameList(text: string): string[] | null {
  const cleaned = text.trim().replace(/[.;,]+$/u, '').trim();
  if (cleaned === '') return null;
  const parts = cleaned.split(NAME_LIST_SEPARATOR).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0 || parts.length > 10) return null;
  if (!parts.every(isNameLike)) return null;
  return parts.map(tidyName);
}

/** "TOM KRISHER" -> "Tom Krisher"; mixed-case names are kept as written. */
export function tidyName(name: string): string {
  const n = name.replace(/\s+/gu, ' ').trim();
  if (n !== n.toUpperCase() || !/\p{L}{2}/u.test(n)) return n;
  return n
    .toLowerCase()
    .replace(/(^|[\s'’\-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Words that mark a trailing ", <role or organisation>" rather than another name. */
const ROLE_WORDS =
  uni(/\b(?:writer|correspondent|reporter|editor|columnist|contributor|staff|bureau|desk|news|press|times|post|journal|herald|tribune|daily|weekly|media|network|agency|agencies|wire|services|reuters|ap|afp|bloomberg|cnn|bbc|abc|nbc|cbs|dpa|efe|ansa|pti|ians|xinhua|redaktion|redakteur(?:in)?|korrespondent(?:in)?|journaliste|rédaction|envoyée?\s+spéciale?|corresponsal|redacción|periodista)\b/iu);

/** Is this a role or organisation ("AP Auto Writer", "Associated Press", "CBS News")? */
export function isRoleOrOrg(part: string): boolean {
  return ROLE_WORDS.test(part) && part.trim().split(/\s+/u).length <= 7;
}

export interface NamesAndRoles {
  names: string[];
  /** Trailing role or organisation parts ("AP Auto Writer", "CBS News"). */
  roles: string[];
}

/**
 * Parse "names[, role/org]": the names, with trailing role or organisation parts set apart.
 * An organisation that is the only entry ("Associated Press") counts as a name.
 */
export function parseNamesWithRoles(text: string): NamesAndRoles | null {
  const parts = text.trim().replace(/[.;,]+$/u, '').split(/\s*,\s*/u).filter(Boolean);
  if (parts.length === 0) return null;
  const names: string[] = [];
  const roles: string[] = [];
  for (const part of parts) {
    if (names.length > 0 && isRoleOrOrg(part) && !/\s(?:and|&)\s/u.test(part)) {
      roles.push(part);
      continue;
    }
    if (roles.length > 0) return null; // a name after a role: not a byline list
    const list = parseNameList(part);
    if (!list) return null;
    names.push(...list);
  }
  return names.length > 0 ? { names, roles } : null;
}
