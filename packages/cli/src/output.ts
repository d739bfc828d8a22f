/**
 * Small helpers for what commands print: JSON for tools, aligned tables and text for people.
 * Everything for people goes through terminalText (no control characters reach the terminal);
 * JSON stays faithful (it escapes them).
 */
import { terminalText } from './terminal-text.ts';

export { terminalText } from './terminal-text.ts';

/**
 * JSON for tools, faithful to the data. JSON.stringify escapes U+0000-U+001F but writes DEL and
 * the C1 controls raw (a terminal may act on U+009B, the 8-bit CSI): they are escaped too, which
 * is the same JSON.
 */
export function printJson(value: unknown): void {
  const json = JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  process.stdout.write(`${json}\n`);
}

/**
 * Prints rows as an aligned table; long cells are cut so a row fits on one line, except in the
 * `uncut` columns (put them last: a long cell there is left to wrap).
 */
export function printTable(rows: Array<Record<string, unknown>>, columns: string[], maxWidth = 60, uncut: string[] = []): void {
  const cell = (v: unknown, column: string): string => {
    const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
    const flat = terminalText(s.replace(/\s+/g, ' '), { singleLine: true });
    return flat.length > maxWidth && !uncut.includes(column) ? `${flat.slice(0, maxWidth - 1)}…` : flat;
  };
  const table = rows.map((r) => columns.map((c) => cell(r[c], c)));
  const widths = columns.map((c, i) => Math.max(c.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((s, i) => s.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write(`${line(columns)}\n`);
  for (const r of table) process.stdout.write(`${line(r)}\n`);
}

/** Text for people on stdout, control characters removed (newlines and tabs kept). */
export function printText(text: string): void {
  process.stdout.write(terminalText(text));
}

/** A message for people on stderr, control characters removed (newlines and tabs kept). */
export function printNotice(text: string): void {
  process.stderr.write(terminalText(text));
}
