/**
 * `vellum list`: the latest article of every page (canonical URL), most recently fetched first,
 * with the search filters and cursor pages; `--all` lists every stored result instead, newest first
 * (superseded captures and earlier pipeline runs included).
 */
import type { Command } from 'commander';
import { listArticles, listLatestArticles } from '@vellum/db';
import { addFilterOptions, filtersFromFlags, withFlagErrors, type FilterFlags } from '../archive-filters.ts';
import type { CliContext } from '../context.ts';
import { printJson, printNotice, printTable, printText } from '../output.ts';

export function registerList(program: Command, ctx: CliContext): void {
  addFilterOptions(program.command('list').description('list stored articles: the latest of every page, newest first'))
    .option('--all', 'every stored result, superseded ones included (filters and --cursor do not apply)')
    .option('--offset <n>', 'with --all: skip this many', (v) => positiveInt(v, '--offset', true))
    .option('--json', 'print JSON for tools (an array; the next page cursor goes to stderr)')
    .action(async (flags: FilterFlags & { all?: boolean; offset?: number; json?: boolean }) => {
      const db = await ctx.db();
      if (flags.all) {
        const misused = (['site', 'since', 'until', 'publishedSince', 'publishedUntil', 'lang', 'submittedBy', 'schedule', 'cursor'] as const).filter((k) => flags[k] !== undefined);
        if (misused.length) throw new Error(`--all lists every result unfiltered: drop ${misused.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}, or drop --all`);
        const articles = await listArticles(db, { limit: flags.limit, offset: flags.offset ?? 0 });
        if (flags.json) {
          printJson(articles.map(({ text: _text, removed: _removed, ...rest }) => rest));
          return;
        }
        if (articles.length === 0) return void printText('no articles stored yet: try `vellum ingest examples/*.html`\n');
        printTable(
          articles.map((a) => ({ id: a.id, title: a.title, authors: a.authors.join(', '), url: a.canonicalUrl, hash: a.contentHash.slice(0, 12) })),
          ['id', 'title', 'authors', 'url', 'hash'],
          50,
        );
        return;
      }
      if (flags.offset !== undefined) throw new Error('--offset needs --all; the latest-per-page list pages with --cursor');
      const page = await withFlagErrors(() => listLatestArticles(db, filtersFromFlags(flags)));
      if (flags.json) printJson(page.items);
      else if (page.items.length === 0) printText(flags.cursor ? 'no more articles\n' : 'no articles match: try `vellum ingest examples/*.html`, or fewer filters\n');
      else {
        printTable(
          page.items.map((a) => ({ id: a.id, title: a.title, site: a.site, fetched: a.fetchedAt.toISOString().slice(0, 16).replace('T', ' '), url: a.canonicalUrl, hash: a.contentHash.slice(0, 12) })),
          ['id', 'title', 'site', 'fetched', 'url', 'hash'],
          50,
        );
      }
      if (page.nextCursor) printNotice(`more articles: add --cursor ${page.nextCursor}\n`);
    });
}

export function positiveInt(value: string, flag: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new Error(`${flag} takes a whole number${allowZero ? '' : ' above 0'}, not ${JSON.stringify(value)}`);
  return n;
}
