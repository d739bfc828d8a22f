/**
 * Reads the `@defaultValue` tags of an options interface from its source file (the bullmq habit:
 * each default is documented once, on the option). test/documented-defaults.test.ts compares them
 * with the packages' `*_DEFAULTS` constants, so neither the documentation nor the code can change
 * alone. A plain text scan: the interfaces are written one property per doc comment.
 */

/** The interface's body: from `export interface Name {` (or `extends …{`) to its closing `\n}`. */
function interfaceBody(source: string, interfaceName: string): string {
  const start = new RegExp(`export interface ${interfaceName}\\b[^{]*\\{`).exec(source);
  if (!start) throw new Error(`no interface ${interfaceName}`);
  const from = start.index + start[0].length;
  return source.slice(from, source.indexOf('\n}', from));
}

/** Names of the interface's optional properties (those that can have a default). */
export function optionalProperties(source: string, interfaceName: string): string[] {
  return [...interfaceBody(source, interfaceName).matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1]!);
}

/** `@defaultValue` of every property of an interface, as written. */
export function documentedDefaults(source: string, interfaceName: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of interfaceBody(source, interfaceName).matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(\w+)\??:/g)) {
    const tag = /@defaultValue\s+([^\n]+)/.exec(m[1]!);
    if (tag) found.set(m[2]!, tag[1]!.trim());
  }
  return found;
}

/**
 * A documented literal's value: numbers (with `_` and `*`), quoted strings, booleans, `[]`, and
 * flat objects of those (`{ fetch: 8, process: 2 }`). Anything else is prose (`dns.lookup`,
 * "none", a backquoted expression): documented, computed in code, and `undefined` here.
 */
export function literalValue(text: string): unknown {
  if (/^[\d_ *]+$/.test(text)) return text.split('*').reduce((n, f) => n * Number(f.trim().replaceAll('_', '')), 1);
  if (/^'[^']*'$/.test(text)) return text.slice(1, -1);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === '[]') return [];
  const object = /^\{(.*)\}$/.exec(text);
  if (object) {
    const entries = object[1]!.split(',').map((pair) => /^\s*(\w+)\s*:\s*(.+?)\s*$/.exec(pair));
    if (entries.every((e) => e !== null)) {
      const values = entries.map((e) => [e[1]!, literalValue(e[2]!)] as const);
      if (values.every(([, v]) => v !== undefined)) return Object.fromEntries(values);
    }
  }
  return undefined;
}
