/** `vellum explain <id|url>`: what the cleaner removed from an article, rule by rule, and the text kept. */
import type { Command } from 'commander';
import type { RemovedItem } from '@vellum/core';
import type { CliContext } from '../context.ts';
import { printJson, printText } from '../output.ts';
import { resolveArticle } from '../resolve-article.ts';

export function registerExplain(program: Command, ctx: CliContext): void {
  program
    .command('explain')
    .description('show what each cleaning rule removed from a stored article, and the cleaned text')
    .argument('<ref>', 'an article id or a URL')
    .option('--json', 'print JSON for tools')
    .action(async (ref: string, flags: { json?: boolean }) => {
      const db = await ctx.db();
      const article = await resolveArticle(db, ref);
      const byRule = groupByRule(article.removed);
      if (flags.json) {
        printJson({
          articleId: article.id,
          cleanVersion: article.versions.clean,
          authors: article.authors,
          media: article.media,
          removed: article.removed,
          rules: Object.fromEntries([...byRule].map(([rule, items]) => [rule, items.length])),
          text: article.text,
        });
        return;
      }
      const out: string[] = [`article ${article.id}: ${article.title ?? '(untitled)'}  (clean ${article.versions.clean})`, ''];
      if (article.authors.length) out.push(`authors (moved to metadata): ${article.authors.join(', ')}`);
      for (const m of article.media) out.push(`media (moved to metadata): ${m.src ?? ''}  caption: ${m.caption ?? ''}  credit: ${m.credit ?? ''}`);
      out.push('', `removed ${article.removed.length} item(s):`);
      for (const [rule, items] of byRule) {
        out.push(`  ${rule} (${items.length})`);
        for (const item of items) out.push(`    [block ${item.position}] ${JSON.stringify(item.text)}`);
      }
      out.push('', '--- cleaned text ---', article.text, '');
      printText(out.join('\n'));
    });
}

function groupByRule(removed: RemovedItem[]): Map<string, RemovedItem[]> {
  const groups = new Map<string, RemovedItem[]>();
  for (const item of [...removed].sort((a, b) => a.position - b.position)) {
    const list = groups.get(item.rule) ?? [];
    list.push(item);
    groups.set(item.rule, list);
  }
  return groups;
}
