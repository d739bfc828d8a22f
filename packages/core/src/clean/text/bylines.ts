/**
 * Byline parsing: "By Name[, Name and Name][, Role][ - date]", in English, German, French and
 * Spanish. The name part must parse as names (see names.ts) and is cut off at the first date,
 * separator or "on"; so "By March, the army had…" is rejected (a month, then prose).
 */
import { parseNamesWithRoles, tidyName } from './names.ts';
import { uni } from './text-utils.ts';

const BY_PREFIX =
  /^(?:by|written by|words by|story by|text by|reported by|posted by|von|par|por|escrito por|texto de|text:|texto:|autor(?:in)?:|auteur\s?:|autora?:)\s*:?\s+/iu;

const MONTH_OR_DAY =
  '(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?|juni|july?|juli|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|oktober|nov(?:ember)?|dec(?:ember)?|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|updated|published|posted|aktualisiert|veröffentlicht|publié|mis à jour|publicado|actualizado)\\b';

/** Where the names end: a separator, a date, "on <date>", an opening parenthesis. */
const TAIL_START = uni(new RegExp(
  `\\s+[|·•–—]|\\s+-\\s|\\s+\\/\\s|\\s*\\(|,?\\s+(?:on|am|le|el|em)\\s+(?=\\p{Lu}|\\d)|,?\\s+(?=${MONTH_OR_DAY})|,?\\s+(?=\\d)|\\s*@`,
  'iu',
));

/** Agency or desk credited as author: "Associated Press", "Detroit News wire services". */
export const AGENCY_LINE =
  /^(?:(?:the )?associated press|ap|reuters|afp|agence france-presse|dpa|bloomberg(?: news)?|cnn wire|pti|ians|ani|xinhua|efe|europa press|ansa|[\p{L}\p{M}.' ]{2,40} (?:wire services|wire service|staff|staff reports?|news service|news desk|newsroom|redaktion|rédaction|redacción))$/iu;

/** "Posted on March 30, 2015 by Admin". */
const POSTED_ON_BY =
  /^(?:posted|published|written|publicado|publié|veröffentlicht)(?: on| le| el| am)?\s+(?<date>.{4,60}?)\s+(?:by|von|par|por)\s+(?<names>.{2,80})$/iu;

export const BYLINE_PATTERNS: readonly RegExp[] = [BY_PREFIX, TAIL_START, AGENCY_LINE, POSTED_ON_BY];

/** Names up to the tail, or null when the text after the prefix is not names. */
function namesBeforeTail(rest: string): string[] | null {
  const cut = TAIL_START.exec(rest);
  const namePart = (cut ? rest.slice(0, cut.index) : rest).trim();
  if (namePart === '' || namePart.length > 120) return null;
  const parsed = parseNamesWithRoles(namePart);
  return parsed && parsed.names.length <= 8 ? parsed.names : null;
}

/** Authors of a byline line, or null when the line is not a byline. */
export function parseByline(text: string): string[] | null {
  const t = text.trim().replace(/\s+/gu, ' ');
  if (t.length > 180) return null;
  const posted = POSTED_ON_BY.exec(t);
  if (posted?.groups?.names && /\d/u.test(posted.groups.date ?? '')) {
    const names = namesBeforeTail(posted.groups.names);
    if (names) return names;
  }
  const m = BY_PREFIX.exec(t);
  if (!m) return null;
  return namesBeforeTail(t.slice(m[0].length));
}

/** Authors of a byline string declared in page metadata ("By TOM KRISHER, AP Auto Writer"). */
export function authorsOfDeclaredByline(byline: string): string[] {
  const t = byline.trim();
  const parsed = parseByline(t) ?? namesBeforeTail(t);
  return parsed ?? (t.length <= 80 ? [tidyName(t)] : []);
}
