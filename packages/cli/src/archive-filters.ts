/**
 * The filter options `vellum search` and `vellum list` share, and the terminal rendering of
 * highlighted text (search snippets, diffs): ANSI styles on a terminal, plain markers otherwise.
 */
import { styleText } from 'node:util';
import type { Command } from 'commander';
import { InvalidCursorError, InvalidFilterError, type ArticleFilters } from '@vellum/db';
import { terminalText } from './output.ts';
import { positiveInt } from './commands/list.ts';

export interface FilterFlags {
  site?: string;
  since?: string;
  until?: string;
  publishedSince?: string;
  publishedUntil?: string;
  lang?: string;
  submittedBy?: string;
  schedule?: number;
  limit?: number;
  cursor?: string;
}

export function addFilterOptions(command: Command): Command {
  return command
    .option('--site <host>', 'only articles read from this host or its subdomains')
    .option('--since <date>', 'fetched at or after (ISO 8601: 2025-01-31 or 2025-01-31T12:00:00Z)')
    .option('--until <date>', 'fetched before (a bare date includes that day)')
    .option('--published-since <date>', 'published at or after')
    .option('--published-until <date>', 'published before (a bare date includes that day)')
    .option('--lang <tag>', 'language: en matches en, en-GB, en_US')
    .option('--submitted-by <name>', 'submitted by this submitter')
    .option('--schedule <id>', 'submitted by this schedule', (v) => positiveInt(v, '--schedule'))
    .option('--limit <n>', 'results per page, 1-100', (v) => positiveInt(v, '--limit'), 20)
    .option('--cursor <cursor>', 'the next page: the cursor the previous page printed');
}

export function filtersFromFlags(flags: FilterFlags): ArticleFilters & { limit?: number; cursor?: string } {
  const { schedule, ...rest } = flags;
  const filters: ArticleFilters & { limit?: number; cursor?: string } = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) (filters as Record<string, unknown>)[key] = value;
  if (schedule !== undefined) filters.scheduleId = schedule;
  return filters;
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Runs a search or list call; a bad flag value becomes an error naming the flag. */
export async function withFlagErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof InvalidFilterError) {
      throw new Error(`--${kebab(error.field)}${error.message.slice(error.field.length)}`);
    }
    if (error instanceof InvalidCursorError) throw new Error(`--cursor: ${error.message}`);
    throw error;
  }
}

export function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

/**
 * Text with marked parts for the terminal: page text cleaned of control characters first (so
 * no page can send escapes), then styled. Without a terminal, marks are `plain` brackets.
 */
export function markedText(
  parts: Array<{ text: string; mark: 'match' | 'insert' | 'delete' | null }>,
  color = useColor(),
): string {
  const plain = { match: ['[', ']'], insert: ['{+', '+}'], delete: ['[-', '-]'] } as const;
  const style = { match: ['bold', 'yellow'], insert: ['green', 'underline'], delete: ['red', 'strikethrough'] } as const;
  return parts
    .map(({ text, mark }) => {
      const clean = terminalText(text);
      if (!mark || clean === '') return clean;
      return color ? styleText([...style[mark]], clean) : `${plain[mark][0]}${clean}${plain[mark][1]}`;
    })
    .join('');
}
