/**
 * Recognises lines that are only a publication timestamp ("Updated 1:39 am EST, Wednesday,
 * November 20, 2019", "Publié le 3 mars 2021 à 10h12", "sexta-feira, 22 de outubro de 2010
 * às 20:13"). The test is subtractive: remove every date-ish token and label; if (almost)
 * nothing is left, the line carried no prose.
 */
import { uni } from './text-utils.ts';

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|' +
  'jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|' +
  'januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|' +
  'janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|' +
  'janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|' +
  'gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|' +
  'januari|februari|maret|mei|juni|agustus|desember';

const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|' +
  'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|' +
  'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|' +
  'lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|' +
  'segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira';

const LABELS =
  'published|updated|posted|modified|last updated|last modified|first published|originally published|' +
  'created|date|on|at|am|um|uhr|le|à|a las|el|de|del|às|em|the|' +
  'veröffentlicht|aktualisiert|stand|publié|mis à jour|modifié|publicado|actualizado|atualizado|' +
  'pubblicato|aggiornato|diperbarui|dipublikasikan|ago|hours?|hrs?|minutes?|mins?|days?|weeks?|' +
  'seit|il y a|hace|st|nd|rd|th|er|today|yesterday';

const TIMEZONES =
  'utc|gmt|bst|cet|cest|mez|mesz|est|edt|cst|cdt|mst|mdt|pst|pdt|et|pt|ct|mt|ist|jst|aest|aedt|' +
  'hst|akst|amt|wib|msk|sgt|hkt';

const DATE_TOKEN = uni(new RegExp(
  `\\b(?:${MONTHS})\\b\\.?|\\b\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}\\b|\\b\\d{1,2}[:h.]\\d{2}(?:\\s?[ap]\\.?m\\.?)?\\b|\\b(?:19|20)\\d{2}\\b`,
  'giu',
));
const STRIP = uni(new RegExp(
  `\\b(?:${MONTHS}|${WEEKDAYS}|${LABELS}|${TIMEZONES}|[ap]\\.?m\\.?)\\b\\.?|\\d+(?:st|nd|rd|th|er|º|°)?`,
  'giu',
));

/** The patterns whose sources version the date-line test. */
export const DATE_PATTERNS: readonly RegExp[] = [DATE_TOKEN, STRIP];

export interface DateStampOptions {
  /** Longest line considered (default 120 characters). */
  maxChars?: number;
  /** Words allowed to remain after stripping, e.g. a source name (default 2). */
  maxLeftoverWords?: number;
}

/** True when the line is a timestamp with at most a few leftover words (e.g. "CBS News"). */
export function isDateStamp(text: string, options: DateStampOptions = {}): boolean {
  const maxChars = options.maxChars ?? 120;
  const maxLeftover = options.maxLeftoverWords ?? 2;
  if (text.length > maxChars) return false;
  const tokens = text.match(DATE_TOKEN) ?? [];
  if (tokens.length === 0) return false;
  const leftover = text
    .replace(STRIP, ' ')
    .replace(/[^\p{L}\s]+/gu, ' ')
    .trim();
  const words = leftover === '' ? [] : leftover.split(/\s+/u);
  if (words.length === 0) return true;
  // A leftover needs a second date token to be sure the line is a stamp, and must not be prose.
  return words.length <= maxLeftover && tokens.length >= 2 && !/[.!?]\s+\p{Lu}/u.test(text);
}
