/** `vellum versions <id|url>`: every version of a page, oldest first (issue 13). */
import type { Command } from 'commander';
import { listArticleVersions } from '@vellum/db';
import type { CliContext } from '../context.ts';
import { printJson, printTable, printText } from '../output.ts';
import { resolveArticle } from '../resolve-article.ts';

export function registerVersions(program: Command, ctx: CliContext): void {
  program
    .command('versions')
    .description('list every version of a page: when each text was fetched, its content hash and pipeline version')
    .argument('<ref>', 'an article id or a URL (any version of the page)')
    .option('--json', 'print JSON for tools')
    .addHelpText('after', '\nA version is a run of captures with the same text; a changed text starts the next one.\nCompare two with `vellum diff <id> [<id>]`.')
    .action(async (ref: string, flags: { json?: boolean }) => {
      const db = await ctx.db();
      const article = await resolveArticle(db, ref);
      const versions = await listArticleVersions(db, article.id);
      if (flags.json) {
        printJson({ canonicalUrl: article.canonicalUrl, versions });
        return;
      }
      printText(`${article.canonicalUrl}: ${versions.length} version${versions.length === 1 ? '' : 's'}\n\n`);
      printTable(
        versions.map((v) => ({
          version: `${v.version}${v.isLatest ? ' (latest)' : ''}`,
          article: v.articleId,
          fetched: v.firstFetchedAt.getTime() === v.lastFetchedAt.getTime() ? iso(v.firstFetchedAt) : `${iso(v.firstFetchedAt)} .. ${iso(v.lastFetchedAt)}`,
          captures: v.captureCount,
          hash: v.contentHash.slice(0, 12),
          pipeline: v.pipelineVersion,
          title: v.title,
        })),
        ['version', 'article', 'fetched', 'captures', 'hash', 'pipeline', 'title'],
        60,
      );
    });
}

const iso = (d: Date): string => d.toISOString().slice(0, 19).replace('T', ' ');
