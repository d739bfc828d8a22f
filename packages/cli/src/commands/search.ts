/** `vellum search "query"`: ranked full-text search of the latest article of every page (issue 13). */
import type { Command } from 'commander';
import { searchArticles } from '@vellum/db';
import { addFilterOptions, filtersFromFlags, markedText, withFlagErrors, type FilterFlags } from '../archive-filters.ts';
import type { CliContext } from '../context.ts';
import { printJson, printNotice, printText } from '../output.ts';

export function registerSearch(program: Command, ctx: CliContext): void {
  addFilterOptions(
    program
      .command('search')
      .description('search the archive: full text of the latest article of every page, best match first')
      .argument('<query>', 'words, "a phrase", a OR b, -excluded (web-search syntax)'),
  )
    .option('--json', 'print JSON for tools: {results, nextCursor}; snippets as escaped HTML with <mark> and as parts')
    .addHelpText(
      'after',
      `\nEach article is matched with the stemming of its own language (its lang; no stemming for languages
Postgres has no stemmer for). Matches are ranked 1,000 at a time, newest first: the 1,000 most
recently stored matching articles, best first, then the next 1,000 older ones, and so on. Matches
show [in brackets], or highlighted on a terminal. When there is more, the command prints the
--cursor for the next page.`,
    )
    .action(async (query: string, flags: FilterFlags & { json?: boolean }) => {
      const db = await ctx.db();
      const page = await withFlagErrors(() => searchArticles(db, { ...filtersFromFlags(flags), q: query }));
      if (flags.json) {
        printJson({ results: page.items, nextCursor: page.nextCursor });
        return;
      }
      if (page.items.length === 0) {
        printText(flags.cursor ? 'no more results\n' : `nothing in the archive matches ${JSON.stringify(query)}\n`);
        return;
      }
      for (const hit of page.items) {
        const when = hit.fetchedAt.toISOString().slice(0, 10);
        printText(`${hit.id}  ${hit.title ?? '(untitled)'}\n    ${hit.site ?? ''}  fetched ${when}${hit.lang ? `  ${hit.lang}` : ''}  rank ${hit.rank.toFixed(4)}\n    ${hit.url}\n`);
        process.stdout.write(`    ${markedText(hit.highlights.map((p) => ({ text: p.text.replace(/\s+/g, ' '), mark: p.match ? 'match' : null })))}\n\n`);
      }
      if (page.nextCursor) printNotice(`more results: add --cursor ${page.nextCursor}\n`);
    });
}
