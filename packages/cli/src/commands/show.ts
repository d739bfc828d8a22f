/** `vellum show <id|url>`: one article with its provenance and audit events. */
import type { Command } from 'commander';
import { getArticleProvenance, listEvents } from '@vellum/db';
import type { CliContext } from '../context.ts';
import { printJson, printText } from '../output.ts';
import { resolveArticle } from '../resolve-article.ts';

export function registerShow(program: Command, ctx: CliContext): void {
  program
    .command('show')
    .description('show one article: text, metadata, provenance (capture, submission, versions) and events')
    .argument('<ref>', 'an article id or a URL')
    .option('--json', 'print JSON for tools')
    .action(async (ref: string, flags: { json?: boolean }) => {
      const db = await ctx.db();
      const article = await resolveArticle(db, ref);
      const provenance = await getArticleProvenance(db, article.id);
      const events = await listEvents(db, 'article', article.id);
      if (flags.json) {
        printJson({ article, provenance, events });
        return;
      }
      const p = provenance;
      const lines = [
        `article ${article.id}: ${article.title ?? '(untitled)'}`,
        `  url:        ${article.canonicalUrl}`,
        `  authors:    ${article.authors.join(', ')}`,
        `  site:       ${article.siteName ?? ''}   lang: ${article.lang ?? ''}   published: ${article.publishedAt?.toISOString() ?? article.publishedText ?? ''}`,
        `  hash:       ${article.contentHash}   charset: ${article.charset ?? '-'}${article.charsetSource ? ` (${article.charsetSource})` : ''}`,
        `  removed:    ${article.removed.length} item(s) by ${new Set(article.removed.map((r) => r.rule)).size} rule(s)`,
        `  pipeline:   ${article.pipelineVersion}  ${Object.entries(article.versions).map(([k, v]) => `${k}=${v}`).join(' ')}`,
        p
          ? `  capture ${p.captureId}: ${p.origin === 'file' ? `file ${p.sourcePath}` : `${p.requestedUrl} -> ${p.finalUrl} (HTTP ${p.httpStatus})`} at ${p.fetchedAt.toISOString()}, body sha256 ${p.bodySha256}`
          : '',
        p ? `  submission ${p.submissionId ?? '-'}: by ${p.submittedBy ?? '-'} via ${p.submissionSource ?? '-'} at ${p.submittedAt?.toISOString() ?? '-'}` : '',
        `  events:     ${events.map((e) => `${e.action}@${e.at.toISOString()}`).join(', ')}`,
        '',
        article.text,
        '',
      ];
      printText(lines.join('\n'));
    });
}
