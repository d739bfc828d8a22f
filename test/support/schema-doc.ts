/**
 * Reads docs/schema.md into relation -> documented columns. Two forms are read (the document
 * says so itself, under "Migrations"):
 *   - column tables: a markdown table whose header starts with `| column |`; each row's first
 *     cell names one or more columns in backticks; an optional `type` cell gives the type, with
 *     ` null` right after it for a nullable column (`text null, unique`; several columns in one
 *     row either share the type or take one comma-separated type each);
 *   - a view's list: "Columns: `a, b, c`" (one backtick group, may wrap lines).
 * The relation is the backticked snake_case name in the nearest heading; a heading without one
 * (a migration's section) names it in its text ("adds four columns to `captures`"): the first
 * backticked name there that is a known relation.
 */

export interface DocumentedColumn {
  /** Normalized Postgres type (`timestamp with time zone`, `double precision`…), when documented. */
  type: string | null;
  /** true when documented as `type null`; null when the table has no type cell. */
  nullable: boolean | null;
}

export type DocumentedSchema = Map<string, Map<string, DocumentedColumn>>;

const IDENT = /`([a-z_][a-z0-9_]*)`/g;
const TYPE_ALIASES: Record<string, string> = {
  timestamptz: 'timestamp with time zone',
  int: 'integer',
  bool: 'boolean',
  double: 'double precision',
};

function identifiers(text: string): string[] {
  return [...text.matchAll(IDENT)].map((m) => m[1]!);
}

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** `bigint null → submissions` -> {type: bigint, nullable: true}; `text[]` -> {type: ARRAY, nullable: false}. */
export function parseTypeCell(cell: string): DocumentedColumn {
  const m = /^([a-z]+(?: precision)?)(\[\])?(\s+null\b)?/i.exec(cell.trim());
  if (!m) return { type: null, nullable: null };
  const word = m[1]!.toLowerCase();
  // information_schema calls every array type ARRAY (`text[]` -> ARRAY).
  return { type: m[2] ? 'ARRAY' : (TYPE_ALIASES[word] ?? word), nullable: Boolean(m[3]) };
}

/**
 * @param knownRelations relation names that exist (the live schema): used only to find the
 *   relation a heading-less section's prose refers to.
 */
export function parseSchemaDoc(markdown: string, knownRelations: ReadonlySet<string>): DocumentedSchema {
  const doc: DocumentedSchema = new Map();
  const add = (relation: string, column: string, info: DocumentedColumn): void => {
    if (!doc.has(relation)) doc.set(relation, new Map());
    const columns = doc.get(relation)!;
    const previous = columns.get(column);
    columns.set(column, previous && info.type === null ? previous : info);
  };

  let headingRelation: string | null = null;
  let sectionProse = '';
  const lines = markdown.split('\n');
  const owner = (where: string): string => {
    if (headingRelation) return headingRelation;
    const named = identifiers(sectionProse).find((name) => knownRelations.has(name));
    if (!named) throw new Error(`docs/schema.md: cannot tell which table ${where} documents: name it in the heading or the text before it`);
    return named;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,6}\s/.test(line)) {
      headingRelation = identifiers(line)[0] ?? null;
      sectionProse = '';
      continue;
    }
    if (line.trim().startsWith('|')) {
      const block: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) block.push(lines[i++]!);
      i--;
      const header = cells(block[0]!).map((c) => c.toLowerCase());
      if (header[0] !== 'column') continue;
      const relation = owner(`the table "${block[0]!.trim()}"`);
      const typeIndex = header.indexOf('type');
      for (const row of block.slice(2)) {
        const rowCells = cells(row);
        const names = identifiers(rowCells[0] ?? '');
        const typeCell = typeIndex >= 0 ? (rowCells[typeIndex] ?? '') : null;
        const parts = typeCell?.split(',') ?? [];
        names.forEach((name, k) => {
          if (typeCell === null) return add(relation, name, { type: null, nullable: null });
          add(relation, name, parseTypeCell(names.length > 1 && parts.length === names.length ? parts[k]! : typeCell));
        });
      }
      continue;
    }
    sectionProse += `${line}\n`;
  }

  // "Columns: `a, b, c`" lists, read per section so a list wrapping lines is one string.
  let relation: string | null = null;
  let text = '';
  const flush = (): void => {
    for (const m of text.replace(/\s*\n\s*/g, ' ').matchAll(/Columns: `([^`]+)`/g)) {
      if (!relation) throw new Error(`docs/schema.md: a "Columns:" list outside a section naming its view: ${m[0]}`);
      for (const name of m[1]!.split(',').map((n) => n.trim()).filter(Boolean)) add(relation, name, { type: null, nullable: null });
    }
    text = '';
  };
  for (const line of lines) {
    if (/^#{1,6}\s/.test(line)) {
      flush();
      relation = identifiers(line)[0] ?? null;
    } else if (!line.trim().startsWith('|')) {
      text += `${line}\n`;
    }
  }
  flush();
  return doc;
}
