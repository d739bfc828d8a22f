/**
 * HTML by tagged template, escaped by default: every interpolated value is escaped with
 * escape-html (& < > " ') unless it is already SafeHtml (the result of another `html` template).
 * So page content (titles, texts, URLs, removals: all untrusted) can only ever become text, and
 * no stored HTML from a page is ever rendered as markup. Attribute values must be quoted.
 */
import escapeHtml from 'escape-html';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  // false/null/undefined render nothing, so `cond && html\`…\`` works.
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** An href for an untrusted URL: http(s) only (a `javascript:` URL never becomes a link). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An external link that opens without handing the archive's page to the target. */
export function externalLink(url: string | null | undefined, label?: HtmlValue): SafeHtml {
  const href = safeHref(url);
  if (!href) return html`<span class="url">${url ?? ''}</span>`;
  return html`<a class="url" href="${href}" rel="noopener noreferrer nofollow" referrerpolicy="no-referrer">${label ?? url}</a>`;
}

/** A timestamp in UTC, to the second, in a <time> element. */
export function time(date: Date | string | null | undefined): SafeHtml {
  if (!date) return html`<span class="muted">—</span>`;
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return html`${String(date)}`;
  const iso = d.toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 19).replace('T', ' ')} UTC</time>`;
}
