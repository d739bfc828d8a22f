/** Small helpers for what commands print: JSON for tools, aligned tables for people. */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Prints rows as an aligned table; long cells are cut so a row fits on one line, except in the
 * `uncut` columns (put them last: a long cell there is left to wrap).
 */
export function printTable(rows: Array<Record<string, unknown>>, columns: string[], maxWidth = 60, uncut: string[] = []): void {
  const cell = (v: unknown, column: string): string => {
    const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
    const flat = s.replace(/\s+/g, ' ');
    return flat.length > maxWidth && !uncut.includes(column) ? `${flat.slice(0, maxWidth - 1)}…` : flat;
  };
  const table = rows.map((r) => columns.map((c) => cell(r[c], c)));
  const widths = columns.map((c, i) => Math.max(c.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((s, i) => s.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write(`${line(columns)}\n`);
  for (const r of table) process.stdout.write(`${line(r)}\n`);
}
