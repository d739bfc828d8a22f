/** Errors inside the web UI answer as pages, not JSON. */
import type { FastifyReply } from 'fastify';
import { html } from './html.ts';
import { notice, page } from './layout.ts';
import { UI_PREFIX } from './session.ts';

export function errorPage(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      page({
        title: status === 404 ? 'Not found' : 'Error',
        signedIn: true,
        body: html`<section class="panel wide"><h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1>${notice('error', message)}<p><a href="${UI_PREFIX}/">Back to the archive</a></p></section>`,
      }).value,
    );
}

/** A positive integer id from a path segment, or null. */
export function parseId(raw: string): number | null {
  return /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null;
}
