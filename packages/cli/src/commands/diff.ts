/** `vellum diff <id> [<id>]`: word-level diff of two articles' texts (issue 13). */
import type { Command } from 'commander';
import { diffArticles, type DiffSide } from '@vellum/db';
import { markedText } from '../archive-filters.ts';
import type { CliContext } from '../context.ts';
import { printJson, printText } from '../output.ts';
import { resolveArticle } from '../resolve-article.ts';

export function registerDiff(program: Command, ctx: CliContext): void {
  program
    .command('diff')
    .description("show the word-level changes between two versions of an article's text")
    .argument('<ref>', 'an article id or URL: its text is the new side')
    .argument('[other]', 'the article to compare with (the old side); default: the previous version of the page')
    .option('--json', 'print JSON for tools: {from, to, identical, stats, parts}')
    .addHelpText(
      'after',
      '\n`vellum diff 7` compares article 7 with the version before it; `vellum diff 7 3` shows what changed\nfrom article 3 to article 7. Deletions show as [-text-], insertions as {+text+} (in colour on a terminal).',
    )
    .action(async (ref: string, other: string | undefined, flags: { json?: boolean }) => {
      const db = await ctx.db();
      const to = await resolveArticle(db, ref);
      const from = other === undefined ? null : await resolveArticle(db, other);
      const diff = await diffArticles(db, to.id, from?.id ?? null);
      if (flags.json) {
        printJson(diff);
        return;
      }
      printText(`--- ${describe(diff.from)}\n+++ ${describe(diff.to)}\n`);
      if (diff.identical) return void printText('\nthe texts are identical (same content hash)\n');
      printText(`${diff.stats.deletedWords} word${diff.stats.deletedWords === 1 ? '' : 's'} deleted, ${diff.stats.insertedWords} inserted\n\n`);
      process.stdout.write(`${markedText(diff.parts.map((p) => ({ text: p.text, mark: p.op === 'equal' ? null : p.op })))}\n`);
    });
}

function describe(side: DiffSide): string {
  const version = side.version === null ? '' : `version ${side.version}, `;
  return `article ${side.articleId} (${version}fetched ${side.fetchedAt.toISOString()}, ${side.contentHash.slice(0, 12)}, ${side.pipelineVersion})`;
}
