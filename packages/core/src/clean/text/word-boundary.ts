/**
 * Unicode-aware word boundaries for the rules' patterns. JavaScript's `\b` only knows ASCII
 * letters ("publié", "Pérez"), so every `\b` becomes a test on `[\p{L}\p{N}_]`. The full test,
 * "a word character on exactly one side", needs four such classes, and each one costs V8 about
 * 0.2 ms to compile (twice: interpreter bytecode, then native code), so a pattern with eight
 * boundaries took ~10 ms on first use. Most boundaries sit next to a literal word character
 * ("\b(?:subscribe|join)\b"): there one side is known, and the boundary is exactly a single
 * lookaround on the other side. This module finds those by parsing the pattern, and keeps the
 * full test wherever the neighbour is not certainly a word character.
 */

/** A word character as the boundary sees it (the pattern's own flags apply, as for `\b`). */
const WORD = '[\\p{L}\\p{N}_]';

/** Word character on exactly one side. */
export const FULL_BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
/** The next character is certainly a word character: a boundary iff the previous one is not. */
export const START_BOUNDARY = `(?<!${WORD})`;
/** The previous character is certainly a word character: a boundary iff the next one is not. */
export const END_BOUNDARY = `(?!${WORD})`;

/** A literal character that is a word character (its case variants are too, so /i keeps this true). */
const WORD_CHAR = /^[\p{L}\p{N}_]$/u;

/** One element of a pattern: its text (quantifier apart) and whether it matches at least once. */
type Atom =
  | { kind: 'char'; raw: string; quantifier: string; required: boolean }
  | { kind: 'group'; open: string; alternatives: Atom[][]; quantifier: string; required: boolean; look: boolean }
  | { kind: 'boundary' }
  | { kind: 'other'; raw: string; quantifier: string; required: boolean };

/** Rewrite every `\b` of a `u`-mode pattern source as the cheapest exact Unicode boundary. */
export function unicodeBoundaries(source: string, options: BoundaryOptions = {}): string {
  const parser = new Parser(source);
  const alternatives = parser.alternatives();
  if (parser.pos !== source.length) throw new Error(`unbalanced pattern: ${source}`);
  return render(alternatives, options.narrow ?? true);
}

export interface BoundaryOptions {
  /** Use a one-sided lookaround where a neighbour is certainly a word character (default true). */
  narrow?: boolean;
}

const GROUP_OPEN = /\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/uy;
const QUANTIFIER = /(?:[*+?]|\{(\d+)(?:,\d*)?\})\??/uy;

/** A small parser for `u`-mode pattern sources (the rules' patterns are all valid in that mode). */
class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  /** Alternatives up to the end or an unmatched `)`. */
  alternatives(): Atom[][] {
    const out: Atom[][] = [[]];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos] as string;
      if (c === ')') break;
      if (c === '|') {
        this.pos++;
        out.push([]);
        continue;
      }
      const atom = this.atom();
      if (atom.kind !== 'boundary') this.quantify(atom);
      (out[out.length - 1] as Atom[]).push(atom);
    }
    return out;
  }

  private atom(): Atom {
    const start = this.pos;
    const c = this.src[this.pos] as string;
    if (c === '\\') return this.escape(start);
    if (c === '[') {
      this.skipClass();
      return { kind: 'other', raw: this.src.slice(start, this.pos), quantifier: '', required: true };
    }
    if (c === '(') return this.group();
    const ch = String.fromCodePoint(this.src.codePointAt(this.pos) as number);
    this.pos += ch.length;
    if (c === '^' || c === '$') return { kind: 'other', raw: ch, quantifier: '', required: false };
    if (c === '.') return { kind: 'other', raw: ch, quantifier: '', required: true };
    return { kind: 'char', raw: ch, quantifier: '', required: true };
  }

  private escape(start: number): Atom {
    const next = this.src[this.pos + 1];
    const braced = /[{<]/u.test(this.src[this.pos + 2] ?? '');
    if (next === 'b') {
      this.pos += 2;
      return { kind: 'boundary' };
    }
    if ((next === 'p' || next === 'P' || next === 'u') && braced) this.pos = this.src.indexOf('}', this.pos) + 1;
    else if (next === 'k' && braced) this.pos = this.src.indexOf('>', this.pos) + 1;
    else if (next === 'u') this.pos += 6;
    else if (next === 'x') this.pos += 4;
    else if (next === 'c') this.pos += 3;
    else if (next !== undefined && /\d/u.test(next)) {
      this.pos += 2;
      while (/\d/u.test(this.src[this.pos] ?? '')) this.pos++;
    } else this.pos += 1 + String.fromCodePoint(this.src.codePointAt(this.pos + 1) ?? 0).length;
    // Escapes are never taken as certain word characters (\x20, back-references, \B …).
    return { kind: 'other', raw: this.src.slice(start, this.pos), quantifier: '', required: true };
  }

  private skipClass(): void {
    this.pos++;
    while (this.pos < this.src.length && this.src[this.pos] !== ']') this.pos += this.src[this.pos] === '\\' ? 2 : 1;
    this.pos++;
  }

  private group(): Atom {
    GROUP_OPEN.lastIndex = this.pos;
    const open = GROUP_OPEN.exec(this.src)?.[0] ?? '(';
    this.pos += open.length;
    const alternatives = this.alternatives();
    if (this.src[this.pos] !== ')') throw new Error(`unbalanced pattern: ${this.src}`);
    this.pos++;
    const look = /^\(\?(?:=|!|<=|<!)$/u.test(open);
    return { kind: 'group', open, alternatives, quantifier: '', required: !look, look };
  }

  /** Attach a following quantifier to `atom`; `{0,n}`, `?` and `*` make it optional. */
  private quantify(atom: Exclude<Atom, { kind: 'boundary' }>): void {
    QUANTIFIER.lastIndex = this.pos;
    const m = QUANTIFIER.exec(this.src);
    if (!m) return;
    this.pos += m[0].length;
    atom.quantifier = m[0];
    const q = m[0][0];
    if (q === '*' || q === '?' || (q === '{' && Number(m[1]) === 0)) atom.required = false;
  }
}

/**
 * Does every match of the sequence begin (edge 'first') or end ('last') with a word character?
 * Optional atoms at that edge are looked through when they too would put a word character there.
 */
function wordAtEdge(seq: readonly Atom[], edge: 'first' | 'last'): boolean {
  const atoms = edge === 'first' ? seq : [...seq].reverse();
  for (const atom of atoms) {
    if (!wordAtEdgeWhenPresent(atom, edge)) return false;
    if (atom.kind !== 'boundary' && atom.required) return true;
  }
  return false;
}

/** Does the atom, when it matches at least once, begin (or end) with a word character? */
function wordAtEdgeWhenPresent(atom: Atom, edge: 'first' | 'last'): boolean {
  if (atom.kind === 'char') return WORD_CHAR.test(atom.raw);
  if (atom.kind !== 'group' || atom.look) return false;
  return atom.alternatives.every((seq) => wordAtEdge(seq, edge));
}

function render(alternatives: Atom[][], narrow: boolean): string {
  return alternatives.map((seq) => renderSequence(seq, narrow)).join('|');
}

function renderSequence(seq: Atom[], narrow: boolean): string {
  let out = '';
  for (const [k, atom] of seq.entries()) {
    if (atom.kind === 'boundary') {
      const nextWord = narrow && wordAtEdge(seq.slice(k + 1), 'first');
      const prevWord = narrow && wordAtEdge(seq.slice(0, k), 'last');
      out += nextWord && !prevWord ? START_BOUNDARY : prevWord && !nextWord ? END_BOUNDARY : FULL_BOUNDARY;
    } else if (atom.kind === 'group') out += `${atom.open}${render(atom.alternatives, narrow)})${atom.quantifier}`;
    else out += atom.raw + atom.quantifier;
  }
  return out;
}
