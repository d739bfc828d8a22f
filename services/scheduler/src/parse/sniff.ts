import { Parser } from 'htmlparser2';

const CHUNK = 16 * 1024;

/**
 * The name of the first element in a markup document, as written (case kept), skipping the XML
 * declaration, processing instructions, comments and doctype. Read with a tokenizer rather than
 * a full parse, chunk by chunk, so a large sitemap is not parsed twice just to learn its kind.
 */
export function firstElementName(text: string): string | undefined {
  let name: string | undefined;
  const parser = new Parser({ onopentagname: (tag) => void (name ??= tag) }, { xmlMode: true });
  for (let at = 0; at < text.length && name === undefined; at += CHUNK) parser.write(text.slice(at, at + CHUNK));
  return name;
}

/** True when the doctype before the first element says HTML. */
export function hasHtmlDoctype(text: string): boolean {
  let html = false;
  let done = false;
  const parser = new Parser(
    {
      onprocessinginstruction: (name, data) => {
        if (name.toLowerCase() === '!doctype' && /^!doctype\s+html\b/i.test(data)) html = true;
      },
      onopentagname: () => void (done = true),
    },
    { xmlMode: true },
  );
  for (let at = 0; at < text.length && !done && !html; at += CHUNK) parser.write(text.slice(at, at + CHUNK));
  return html;
}
