/**
 * Publication dates arrive in many shapes. Only a date-time that names its own time zone is
 * turned into an ISO 8601 instant (UTC, `toISOString`); a date-time without a zone would
 * depend on the machine's time zone, which breaks reproducibility, so it and anything else
 * unrecognised are kept as the page wrote them (trimmed).
 */

const ISO_WITH_ZONE =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const RFC_2822_WITH_ZONE =
  /^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:GMT|UTC|UT|Z|[+-]\d{4})$/;

/** Returns an ISO instant when `value` names an unambiguous moment, else `value` trimmed; null for blank. */
export function normalizePublishedTime(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  const iso = ISO_WITH_ZONE.exec(text);
  if (iso) return toIso(`${iso[1]}T${iso[2]!.replace(',', '.')}${zone(iso[3]!)}`) ?? text;
  if (RFC_2822_WITH_ZONE.test(text)) return toIso(text) ?? text;
  return text;
}

/** `Z`, `+05`, `+0530`, `+05:30` -> a form every JavaScript engine parses. */
function zone(raw: string): string {
  if (raw.toUpperCase() === 'Z') return 'Z';
  const digits = raw.slice(1).replace(':', '');
  return `${raw[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

function toIso(text: string): string | null {
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
