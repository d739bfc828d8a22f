/**
 * One capture's raw body and its WARC records, as downloads. The raw body is the page's own
 * bytes, untrusted: it is served as an attachment, as application/octet-stream, with nosniff and
 * a sandboxing CSP, so a browser never renders it as a page of this site.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { getBody, getCapture, type Queryable } from '@vellum/db';
import { FETCHER_VERSION, warcCaptureFromStored, writeWarc } from '@vellum/fetcher';
import { errorPage, parseId } from './errors-page.ts';

export async function captureRoutes(app: FastifyInstance, db: Queryable): Promise<void> {
  app.get<{ Params: { id: string } }>('/captures/:id/raw', { schema: { hide: true } }, async (request, reply) => {
    const id = parseId(request.params.id);
    const capture = id === null ? null : await getCapture(db, id, { withBody: false });
    if (!capture) return errorPage(reply, 404, `Capture ${request.params.id} does not exist.`);
    const body = capture.bodySha256 ? await getBody(db, capture.bodySha256) : null;
    if (!body) return errorPage(reply, 404, `Capture ${id} has no stored body (${capture.failureReason ?? capture.outcome}).`);
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="capture-${id}.body"`)
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('x-vellum-body-sha256', capture.bodySha256!)
      .send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  });

  app.get<{ Params: { id: string } }>('/captures/:id/warc', { schema: { hide: true } }, async (request, reply) => {
    const id = parseId(request.params.id);
    const capture = id === null ? null : await getCapture(db, id, { withBody: false });
    if (!capture) return errorPage(reply, 404, `Capture ${request.params.id} does not exist.`);
    if (capture.origin !== 'http' || capture.httpStatus === null) {
      return errorPage(reply, 404, `Capture ${id} is not an HTTP exchange (${capture.origin === 'file' ? 'a file import' : capture.failureReason ?? 'no response'}): there is no WARC record for it.`);
    }
    const original = capture.revisitOf === null ? null : await getCapture(db, capture.revisitOf, { withBody: false });
    const body = capture.outcome === 'not-modified' || !capture.bodySha256 ? null : await getBody(db, capture.bodySha256);
    const record = warcCaptureFromStored({ ...capture, httpStatus: capture.httpStatus }, body, original);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const filename = `capture-${id}.warc.gz`;
    await writeWarc([record], out, { filename, software: `Vellum ${FETCHER_VERSION} (warcio.js)`, description: `Vellum capture ${id}` });
    return reply
      .type('application/gzip')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(Buffer.concat(chunks));
  });
}
