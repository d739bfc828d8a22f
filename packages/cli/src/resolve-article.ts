/** Finds the article a user means by `<id|url>`: a number is an article id, anything else a URL. */
import { tryCanonicalizeUrl } from '@vellum/core';
import { findArticlesByUrl, getArticle, type Article, type Queryable } from '@vellum/db';

export async function resolveArticle(q: Queryable, ref: string): Promise<Article> {
  if (/^\d+$/.test(ref)) {
    const article = await getArticle(q, Number(ref));
    if (!article) throw new Error(`no article with id ${ref}; \`vellum list\` shows the stored ones`);
    return article;
  }
  const canonical = tryCanonicalizeUrl(ref);
  const candidates = canonical && canonical !== ref ? [ref, canonical] : [ref];
  for (const url of candidates) {
    const [latest] = await findArticlesByUrl(q, url, { limit: 1 });
    if (latest) return latest;
  }
  throw new Error(`no article stored for ${ref}; ingest it first (\`vellum ingest ${ref}\`)`);
}
