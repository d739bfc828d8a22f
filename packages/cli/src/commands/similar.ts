/**
 * `vellum similar <id|url>`: an article's exact duplicates (the other captures of its work:
 * the same normalized text, wherever it was published) and its near-duplicates (linked by
 * MinHash/LSH with their Jaccard similarity; threshold in @vellum/core fingerprint.ts).
 */
import type { Command } from 'commander';
import { nearDuplicateScheme } from '@vellum/core';
import { getWork, indexPendingArticles, listSimilarArticles, type Database } from '@vellum/db';
import type { CliContext } from '../context.ts';
import { printJson, printTable, printText } from '../output.ts';
import { resolveArticle } from '../resolve-article.ts';

export function registerSimilar(program: Command, ctx: CliContext): void {
  program
    .command('similar')
    .description('list the exact duplicates and near-duplicates of an article')
    .argument('<ref>', 'an article id or a URL')
    .option('--json', 'print JSON for tools')
    .addHelpText(
      'after',
      `\nExact duplicates share the article's content hash. Near-duplicates have a Jaccard similarity of their
word 3-shingles of at least ${nearDuplicateScheme.threshold} (${nearDuplicateScheme.method}).`,
    )
    .action(async (ref: string, flags: { json?: boolean }) => {
      const db = await ctx.db();
      await catchUpIndex(db, ctx);
      const article = await resolveArticle(db, ref);
      const work = await getWork(db, article.contentHash);
      const exact = (work?.captures ?? []).filter((c) => c.articleId !== article.id);
      const near = await listSimilarArticles(db, article.id);
      if (flags.json) {
        printJson({
          article: { id: article.id, canonicalUrl: article.canonicalUrl, title: article.title, contentHash: article.contentHash },
          threshold: nearDuplicateScheme.threshold,
          method: nearDuplicateScheme.method,
          exact,
          near,
        });
        return;
      }
      printText(`article ${article.id}: ${article.title ?? '(untitled)'}\n  ${article.canonicalUrl}\n\n`);
      const rows = [
        ...exact.map((c) => ({ kind: 'exact', score: '1.000', article: c.articleId, site: c.siteName, url: c.canonicalUrl })),
        ...near.map((n) => ({ kind: 'near', score: n.score.toFixed(3), article: n.articleId, site: n.siteName, url: n.canonicalUrl })),
      ];
      if (rows.length === 0) {
        printText('no exact or near-duplicates in the archive\n');
        return;
      }
      printTable(rows, ['kind', 'score', 'article', 'site', 'url'], 80);
    });
}

/**
 * Articles stored without a fingerprint (e.g. before the index existed) are indexed first, so
 * the answer covers the whole archive. A no-op when every article is indexed.
 */
async function catchUpIndex(db: Database, ctx: CliContext): Promise<void> {
  const { indexed, links } = await indexPendingArticles(db, nearDuplicateScheme, { actor: 'cli:similar' });
  if (indexed) ctx.logger.info({ indexed, links }, 'indexed articles stored without a fingerprint');
}
