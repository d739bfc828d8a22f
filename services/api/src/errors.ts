/**
 * One error shape for every failure: `{statusCode, error, message, details?}`. Validation
 * errors name the field in the caller's terms (`body.urls[2]`) and say what was expected.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { VellumError } from '@vellum/core/errors';

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** `/urls/2` in `body` -> `body.urls[2]`. */
export function fieldPath(context: string, instancePath: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : `${acc}.${p}`), context);
}

/** Fields the API used to take, with why they are refused now (instead of "not a known field"). */
const RETIRED_FIELDS: Record<string, string> = {
  'body.submittedBy':
    'is no longer accepted: a submission records the name of the token that sent it (create one per user or system with `vellum token create <name>`)',
};

export function describeValidationError(context: string, e: AjvError): { field: string; message: string } {
  let field = fieldPath(context, e.instancePath ?? '');
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties' && e.params?.additionalProperty) {
    field = `${field}.${String(e.params.additionalProperty)}`;
    message = RETIRED_FIELDS[field] ?? 'is not a known field';
  } else if (e.keyword === 'required' && e.params?.missingProperty) {
    field = `${field}.${String(e.params.missingProperty)}`;
    message = 'is required';
  } else if (e.keyword === 'enum' && Array.isArray(e.params?.allowedValues)) {
    message = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { field, message };
}

/** The codes of the API's own errors, by the status they answer with. */
const API_ERROR_CODES = {
  400: 'bad-request',
  401: 'unauthorized',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  503: 'service-unavailable',
} as const;

export type ApiErrorStatus = keyof typeof API_ERROR_CODES;
export type ApiErrorCode = (typeof API_ERROR_CODES)[ApiErrorStatus];

/** An answer other than 2xx, with its status; 429 (after Retry-After) and 503 (a dependency is down) may succeed later. */
export class ApiError extends VellumError<ApiErrorCode> {
  readonly code: ApiErrorCode;
  readonly retryable: boolean;
  constructor(
    readonly statusCode: ApiErrorStatus,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
    this.code = API_ERROR_CODES[statusCode];
    this.retryable = statusCode === 429 || statusCode === 503;
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/**
 * @param allowedMethods the methods a path has (method-not-allowed.ts): a known path asked with
 *   another method answers 405 with `Allow`, not 404.
 */
export function installErrorHandler(app: FastifyInstance, allowedMethods: (path: string) => string[] = () => []): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if ('validation' in error && error.validation) {
      const context = error.validationContext ?? 'request';
      const details = (error.validation as AjvError[]).map((e) => describeValidationError(context, e));
      return reply.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: details.map((d) => `${d.field} ${d.message}`).join('; '),
        details,
      });
    }
    const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(statusCode).send({
      statusCode,
      error: REASONS[statusCode] ?? (statusCode >= 500 ? 'Internal Server Error' : 'Error'),
      // Internal details stay in the log; the client learns that it was not its fault.
      message: statusCode >= 500 && !(error instanceof ApiError) ? 'internal error (see the server log)' : error.message,
      ...(error instanceof ApiError && error.details ? { details: error.details } : {}),
    });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = allowedMethods(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return reply
        .code(405)
        .header('allow', allowed.join(', '))
        .send({ statusCode: 405, error: 'Method Not Allowed', message: `${request.method} is not allowed on ${path}: use ${allowed.join(', ')}` });
    }
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${path}` });
  });
}
