/** `vellum list`: the stored articles, newest first. */
import type { Command } from 'commander';
import { listArticles } from '@vellum/db';
import type { CliContext } from '../context.ts';
import { printJson, printTable, printText } from '../output.ts';

export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list stored articles, newest first')
    .option('--limit <n>', 'how many', (v) => positiveInt(v, '--limit'), 50)
    .option('--offset <n>', 'skip this many', (v) => positiveInt(v, '--offset', true), 0)
    .option('--json', 'print JSON for tools')
    .action(async (flags: { limit: number; offset: number; json?: boolean }) => {
      const db = await ctx.db();
      const articles = await listArticles(db, { limit: flags.limit, offset: flags.offset });
      if (flags.json) {
        printJson(articles.map(({ text: _text, removed: _removed, ...rest }) => rest));
        return;
      }
      if (articles.length === 0) {
        printText('no articles stored yet: try `vellum ingest examples/*.html`\n');
        return;
      }
      printTable(
        articles.map((a) => ({ id: a.id, title: a.title, authors: a.authors.join(', '), url: a.canonicalUrl, hash: a.contentHash.slice(0, 12) })),
        ['id', 'title', 'authors', 'url', 'hash'],
        50,
      );
    });
}

export function positiveInt(value: string, flag: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new Error(`${flag} takes a whole number${allowZero ? '' : ' above 0'}, not ${JSON.stringify(value)}`);
  return n;
}
