/**
 * Metadata never fails an article (issue 19 item 4), through the real Postgres: a page whose
 * JSON-LD nests 100,000 levels deep, and a page with U+0000 in its title, author meta and an
 * image caption, are both stored (Postgres refuses U+0000 in text and jsonb), the removal
 * recorded in the article's `removed`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArticle, migrate, openDatabase, type Database } from '@vellum/db';
import { UNSTORABLE_RULE } from '@vellum/core';
import { ingestOne } from '../src/index.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from '../../../test/support/postgres-schema.ts';

const ARTICLE = `<p>${'The council met on Tuesday to debate the budget for the coming year, and the vote was close. '.repeat(8)}</p>`;

describe('metadata that used to fail the page, stored in Postgres', () => {
  const schema = uniqueSchema('metadata_store');
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await dropSchema(schema);
  });

  const ingest = (name: string, html: string) =>
    ingestOne(
      { db, actor: 'test' },
      { kind: 'file', url: `https://news.example/${name}`, file: { path: `/tmp/${name}.html`, bytes: new TextEncoder().encode(html), readAt: new Date().toISOString() } },
      { submittedBy: 'test' },
    );

  it('stores a page whose JSON-LD nests 100,000 levels deep', async () => {
    const json = `${'['.repeat(100_000)}{"@type":"NewsArticle","headline":"H"}${']'.repeat(100_000)}`;
    const html = `<html><head><title>Deep JSON-LD</title><script type="application/ld+json">${json}</script></head><body><article>${ARTICLE}</article></body></html>`;
    const outcome = await ingest('deep-json-ld', html);
    expect(outcome).toMatchObject({ status: 'stored', reason: null });
    expect((await getArticle(db, outcome.articleId!))?.title).toBe('Deep JSON-LD');
  });

  it('stores a page with U+0000 in its title and authors, without it, recorded', async () => {
    // The HTML parser already makes a NUL in markup U+FFFD (title, attributes) or drops it (text),
    // as browsers do; U+0000 itself still arrives through JSON-LD's \u0000 escapes.
    const jsonLd = '{"@type":"NewsArticle","headline":"Budget\\u0000 vote","author":[{"@type":"Person","name":"Ana\\u0000 Ruiz"}]}';
    const html =
      `<html><head><script type="application/ld+json">${jsonLd}</script></head><body><article>` +
      `${ARTICLE}<figure><img src="/vote.jpg"><figcaption>The vote\u0000 count</figcaption></figure></article></body></html>`;
    const outcome = await ingest('nul', html);
    expect(outcome).toMatchObject({ status: 'stored', reason: null });
    const article = (await getArticle(db, outcome.articleId!))!;
    expect(article.title).toBe('Budget vote');
    expect(article.byline).toBe('Ana Ruiz');
    expect(article.authors).toEqual(['Ana Ruiz']);
    expect(article.media.map((m) => m.caption)).toContain('The vote count');
    const records = article.removed.filter((item) => item.rule === UNSTORABLE_RULE).map((item) => item.text);
    expect(records).toEqual(expect.arrayContaining(['title: U+0000 x1 removed', 'byline: U+0000 x1 removed', 'authors[0]: U+0000 x1 removed']));
  });
});
