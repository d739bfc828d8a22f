/**
 * docs/schema.md against the live schema: a fresh schema is migrated on the real Postgres and
 * read back from information_schema; every table, view and column must be documented, every
 * documented one must exist, and documented types and nullability must match.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '@vellum/db';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';
import { REPO_ROOT } from './support/run-vellum.ts';
import { parseSchemaDoc, parseTypeCell } from './support/schema-doc.ts';

interface LiveColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
  is_generated: string;
}

describe('docs/schema.md', () => {
  const schema = uniqueSchema('schema_doc');
  let db: Database;
  let live: LiveColumn[];
  let markdown: string;

  beforeAll(async () => {
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
    await migrate(db);
    const result = await db.query<LiveColumn>(
      `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.is_generated
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = $1 AND t.table_type IN ('BASE TABLE', 'VIEW')
        ORDER BY c.table_name, c.ordinal_position`,
      [schema],
    );
    live = result.rows;
    markdown = await fs.readFile(path.join(REPO_ROOT, 'docs/schema.md'), 'utf8');
  });

  afterAll(async () => {
    await db?.close();
    await dropSchema(schema);
  });

  it('documents exactly the live tables, views and columns, with their types', () => {
    const liveRelations = new Set(live.map((c) => c.table_name));
    const doc = parseSchemaDoc(markdown, liveRelations);
    const problems: string[] = [];

    for (const relation of liveRelations) if (!doc.has(relation)) problems.push(`${relation}: exists but is not documented`);
    for (const relation of doc.keys()) if (!liveRelations.has(relation)) problems.push(`${relation}: documented but does not exist`);

    for (const column of live) {
      const documented = doc.get(column.table_name);
      if (!documented) continue;
      const info = documented.get(column.column_name);
      const name = `${column.table_name}.${column.column_name}`;
      if (!info) {
        problems.push(`${name}: exists but is not documented`);
        continue;
      }
      if (info.type !== null && info.type !== column.data_type) problems.push(`${name}: documented as ${info.type}, is ${column.data_type}`);
      if (info.nullable !== null && column.is_generated !== 'ALWAYS' && info.nullable !== (column.is_nullable === 'YES')) {
        problems.push(`${name}: documented as ${info.nullable ? 'nullable' : 'not null'}, is ${column.is_nullable === 'YES' ? 'nullable' : 'not null'}`);
      }
    }
    for (const [relation, columns] of doc) {
      if (!liveRelations.has(relation)) continue;
      for (const column of columns.keys()) {
        if (!live.some((c) => c.table_name === relation && c.column_name === column)) problems.push(`${relation}.${column}: documented but does not exist`);
      }
    }
    expect(problems).toEqual([]);
    // The comparison saw the whole schema, not a parse that found nothing.
    expect(doc.size).toBe(liveRelations.size);
    expect(doc.get('captures')?.size).toBeGreaterThanOrEqual(28);
  });

  it('reads rows added by later migrations, in their own sections or in place', () => {
    const sample = [
      '### `submissions` — requests',
      '',
      '| column | type | meaning |',
      '|---|---|---|',
      '| `id` | bigint | identity |',
      '| `a`, `b` | text null | two at once |',
      '| `c`, `d` | bigint → x, text null | one type each |',
      '',
      '### 006 — something (`006-something.sql`)',
      '',
      'Adds a column to `submissions` and a table.',
      '',
      '| column | type | meaning |',
      '|---|---|---|',
      '| `e` | timestamptz null | added later |',
      '',
      '#### `new_view` (view)',
      '',
      'Columns: `x, y,',
      'z` (wrapped).',
    ].join('\n');
    const doc = parseSchemaDoc(sample, new Set(['submissions', 'new_view']));
    expect([...doc.get('submissions')!.entries()]).toEqual([
      ['id', { type: 'bigint', nullable: false }],
      ['a', { type: 'text', nullable: true }],
      ['b', { type: 'text', nullable: true }],
      ['c', { type: 'bigint', nullable: false }],
      ['d', { type: 'text', nullable: true }],
      ['e', { type: 'timestamp with time zone', nullable: true }],
    ]);
    expect([...doc.get('new_view')!.keys()]).toEqual(['x', 'y', 'z']);
    expect(parseTypeCell('double precision, 0–1')).toEqual({ type: 'double precision', nullable: false });
    expect(() => parseSchemaDoc('## Other\n\n| column | type |\n|---|---|\n| `q` | text |\n', new Set(['t']))).toThrow(/cannot tell which table/);
  });
});
