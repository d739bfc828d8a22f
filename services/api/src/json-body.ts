/**
 * The JSON body parser, replacing fastify's default only to say what is wrong: fastify answers
 * every bad body with "Body is not valid JSON", even a valid document refused for a
 * `__proto__` key. Same parser underneath (secure-json-parse, the one fastify uses), same
 * refusal of prototype-pollution keys, same body limit.
 */
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { ApiError } from './errors.ts';

const EXAMPLE = 'send a JSON object, e.g. {"url": "https://example.com/story"}';

export function parseJsonBody(body: string): unknown {
  if (body.trim().length === 0) throw new ApiError(400, `the body is empty: ${EXAMPLE}`);
  try {
    return secureJson.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    if ((error as Error).message === 'Object contains forbidden prototype property') {
      throw new ApiError(400, 'the body has a "__proto__" or "constructor.prototype" key: refused (prototype pollution)');
    }
    throw new ApiError(400, `the body is not valid JSON (${(error as Error).message}): ${EXAMPLE}`);
  }
}

export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
