/** The page shell every UI page shares: head (stylesheet only, no script), header, main. */
import { html, type HtmlValue, type SafeHtml } from './html.ts';
import { UI_PREFIX } from './session.ts';

export interface PageOptions {
  title: string;
  body: HtmlValue;
  /** Show the signed-in header (search box, logout). */
  signedIn?: boolean;
  /** The query to keep in the header's search box. */
  query?: string;
  /** Show the header's search box (the search page has its own). Default true. */
  headerSearch?: boolean;
}

export function page(options: PageOptions): SafeHtml {
  const header = options.signedIn
    ? html`<header class="top">
  <a class="brand" href="${UI_PREFIX}/">Vellum<span> archive</span></a>
  ${options.headerSearch === false ? '' : html`<form class="top-search" method="get" action="${UI_PREFIX}/" role="search">
    <input type="search" name="q" value="${options.query ?? ''}" placeholder="Search the archive" aria-label="Search the archive">
    <button type="submit">Search</button>
  </form>`}
  <nav class="top-nav">
    <a href="/admin/queues">Queues</a>
    <form method="post" action="${UI_PREFIX}/logout"><button class="link" type="submit">Log out</button></form>
  </nav>
</header>`
    : html`<header class="top"><a class="brand" href="${UI_PREFIX}/">Vellum<span> archive</span></a></header>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · Vellum</title>
<link rel="stylesheet" href="${UI_PREFIX}/static/vellum.css">
</head>
<body>
${header}
<main>
${options.body}
</main>
<footer class="bottom">Vellum: every article with its raw capture, its provenance and every removal, verifiable.</footer>
</body>
</html>
`;
}

/** A notice box: `kind` info, warn or error. */
export function notice(kind: 'info' | 'warn' | 'error', body: HtmlValue): SafeHtml {
  return html`<div class="notice notice-${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${body}</div>`;
}
