/**
 * Where an article came from: its capture (request, redirect chain, response and fetch facts),
 * the version of every pipeline stage that made it, its submission, and the audit events of all three.
 */
import type { Article, ArticleProvenance, AuditEvent, Capture } from '@vellum/db';
import { externalLink, html, time, type HtmlValue, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { articleHeader, type CaptureLinks } from './article-header.ts';

export interface ProvenanceView {
  article: Article;
  provenance: ArticleProvenance | null;
  capture: Capture | null;
  /** Events of the article, its capture and its submission, oldest first, with what they are about. */
  events: AuditEvent[];
  links: CaptureLinks;
}

function row(label: string, value: HtmlValue): SafeHtml {
  return html`<tr><th scope="row">${label}</th><td>${value === null || value === undefined || value === '' ? html`<span class="muted">—</span>` : value}</td></tr>`;
}

function ms(value: number | null): string | null {
  return value === null ? null : `${value} ms`;
}

function captureTable(c: Capture): SafeHtml {
  const meta = c.meta as { httpVersion?: string; statusText?: string; contentEncoding?: string | null };
  return html`<table class="kv">
  ${row('Capture', `#${c.id} (${c.origin}, ${c.outcome})`)}
  ${row('Requested URL', externalLink(c.requestedUrl))}
  ${row('Final URL', c.finalUrl ? externalLink(c.finalUrl) : null)}
  ${row('HTTP status', c.httpStatus === null ? null : `${c.httpStatus} ${meta.statusText ?? ''}`.trim())}
  ${row('HTTP version', meta.httpVersion)}
  ${row('Fetched at', time(c.fetchedAt))}
  ${row('Remote address', c.remoteAddress)}
  ${row('Content type', c.contentType)}
  ${row('Charset', c.charset)}
  ${row('Content encoding removed', meta.contentEncoding)}
  ${row('Body SHA-256', c.bodySha256 ? html`<code class="hash">${c.bodySha256}</code>` : null)}
  ${row('Body size', c.bodySize === null ? null : `${c.bodySize.toLocaleString('en')} bytes${c.truncated ? ' (truncated at the size cap)' : ''}`)}
  ${row('ETag', c.etag)}
  ${row('Last-Modified', c.lastModified)}
  ${row('Timings', [ms(c.timings.dnsMs) && `DNS ${ms(c.timings.dnsMs)}`, ms(c.timings.connectMs) && `connect ${ms(c.timings.connectMs)}`, ms(c.timings.firstByteMs) && `first byte ${ms(c.timings.firstByteMs)}`, ms(c.timings.totalMs) && `total ${ms(c.timings.totalMs)}`].filter(Boolean).join(' · ') || null)}
  ${row('Fetcher version', c.fetcherVersion)}
  ${row('Source file', c.sourcePath)}
  ${row('Failure', c.failureReason)}
  ${row('Revisit of', c.revisitOf === null ? null : `capture #${c.revisitOf}`)}
</table>`;
}

function redirects(c: Capture): SafeHtml {
  if (c.redirectChain.length === 0) return html`<p class="muted">No redirects: the requested URL answered directly.</p>`;
  return html`<table class="grid"><thead><tr><th>#</th><th>Status</th><th>URL</th><th>Location</th></tr></thead><tbody>
  ${c.redirectChain.map((hop, i) => html`<tr><td>${i + 1}</td><td>${hop.status}</td><td>${externalLink(hop.url)}</td><td class="url">${hop.location ?? ''}</td></tr>`)}
</tbody></table>`;
}

function headers(title: string, list: Array<[string, string]>): SafeHtml {
  return html`<details><summary>${title} (${list.length})</summary>
<table class="grid headers"><tbody>${list.map(([name, value]) => html`<tr><th scope="row">${name}</th><td>${value}</td></tr>`)}</tbody></table></details>`;
}

function stageVersions(article: Article): SafeHtml {
  return html`<table class="kv">${Object.entries(article.versions).map(([stage, version]) => row(stage, html`<code>${String(version)}</code>`))}
${row('pipeline version (whole)', html`<code>${article.pipelineVersion}</code>`)}
${row('charset chosen by', article.charsetSource)}</table>`;
}

function submission(p: ArticleProvenance | null): SafeHtml {
  if (!p || p.submissionId === null) return html`<p class="muted">No submission: the article was made by reprocessing a stored capture.</p>`;
  return html`<table class="kv">
  ${row('Submission', `#${p.submissionId}`)}
  ${row('Submitted URL', p.submittedUrl)}
  ${row('Submitted by', p.submittedBy)}
  ${row('Through', p.submissionSource)}
  ${row('Submitted at', time(p.submittedAt))}
</table>`;
}

function events(list: ProvenanceView['events']): SafeHtml {
  return html`<table class="grid events"><thead><tr><th>At</th><th>About</th><th>Action</th><th>Actor</th><th>Details</th></tr></thead><tbody>
${list.map((e) => html`<tr><td>${time(e.at)}</td><td>${e.entity}${e.entityId === null ? '' : ` #${e.entityId}`}</td><td><span class="tag">${e.action}</span></td><td>${e.actor ?? ''}</td><td><code class="json">${JSON.stringify(e.details)}</code></td></tr>`)}
</tbody></table>`;
}

export function provenancePage(view: ProvenanceView): SafeHtml {
  const { article, capture } = view;
  return page({
    title: `Provenance: ${article.title || article.url}`,
    signedIn: true,
    body: html`${articleHeader(article, 'provenance', view.links)}
<div class="panels">
  <section class="panel"><h2>Capture</h2>${capture ? captureTable(capture) : html`<p class="muted">The capture is missing.</p>`}</section>
  <section class="panel"><h2>Redirect chain</h2>${capture ? redirects(capture) : ''}
    ${capture ? headers('Request headers as sent', capture.requestHeaders) : ''}
    ${capture ? headers('Response headers as received', capture.responseHeaders) : ''}</section>
  <section class="panel"><h2>Versions of every stage</h2>${stageVersions(article)}</section>
  <section class="panel"><h2>Submission</h2>${submission(view.provenance)}</section>
</div>
<section class="panel wide"><h2>Events</h2>${events(view.events)}</section>`,
  });
}
