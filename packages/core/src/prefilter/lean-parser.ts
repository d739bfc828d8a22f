/**
 * htmlparser2's Parser keeping only the attributes the prefilter's rules read.
 *
 * The stock Parser builds every attribute value of every start tag and stores it in a fresh
 * object keyed by name (each tag's object a dictionary of its own shape): about a third of the
 * prefilter's time on a news page, for the dozen names rules.ts, unlikely.ts and
 * find-removals.ts ever read (READ_ATTRIBUTES). This Parser builds and stores those alone; its
 * events, tag names, positions and the values of the attributes it keeps are the stock
 * Parser's (the others are absent from `attribs`, and give no `onattribute` event, which the
 * prefilter does not listen to). It overrides the attribute handlers the Tokenizer calls on the
 * Parser (public, marked internal) and reads the fields they set, so it checks at load that they
 * exist; a test compares its events with the stock Parser's on every fixture and sample page.
 */
import { Parser, type QuoteType } from 'htmlparser2';

/** Every attribute name the prefilter reads. Reading another one means adding it here. */
export const READ_ATTRIBUTES: ReadonlySet<string> = new Set([
  // rules.ts: hidden elements, JSON-LD scripts
  'hidden', 'aria-hidden', 'class', 'style', 'type',
  // unlikely.ts: Readability's unlikely candidates and possible bylines
  'id', 'role', 'rel', 'itemprop',
  // find-removals.ts: a <font> that breaks out of SVG/MathML
  'color', 'face', 'size',
]);

/** The Parser's own fields the overrides read and set (private in its types). */
interface ParserFields {
  startIndex: number;
  endIndex: number;
  attribname: string;
  lowerCaseAttributeNames: boolean;
  getSlice(start: number, end: number): string;
}

const HANDLERS = ['onattribname', 'onattribdata', 'onattribentity', 'onattribend', 'getSlice'] as const;
for (const name of HANDLERS) {
  if (typeof (Parser.prototype as unknown as Record<string, unknown>)[name] !== 'function') {
    throw new Error(`htmlparser2's Parser has no ${name}: prefilter/lean-parser.ts needs updating`);
  }
}

export class LeanParser extends Parser {
  /** Whether the attribute being read is one the prefilter reads. */
  private keep = false;

  override onattribname(start: number, endIndex: number): void {
    const fields = this as unknown as ParserFields;
    fields.startIndex = start;
    const name = fields.getSlice(start, endIndex);
    fields.attribname = fields.lowerCaseAttributeNames ? name.toLowerCase() : name;
    this.keep = READ_ATTRIBUTES.has(fields.attribname);
  }

  override onattribdata(start: number, endIndex: number): void {
    if (this.keep) super.onattribdata(start, endIndex);
  }

  override onattribentity(codePoint: number): void {
    if (this.keep) super.onattribentity(codePoint);
  }

  override onattribend(quote: QuoteType, endIndex: number): void {
    if (this.keep) super.onattribend(quote, endIndex);
    else (this as unknown as ParserFields).endIndex = endIndex;
  }
}
