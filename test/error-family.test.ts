/**
 * One error family (issue 15): every error class of every package extends @vellum/core's
 * VellumError, with its code and whether a retry can help; the fetcher needs only the small
 * `@vellum/core/errors` entry (and the charset decoder), never the whole core.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VellumError } from '@vellum/core/errors';
import { ApiTokenError, MigrationError, RecordNotFoundError } from '@vellum/db';
import * as fetcherErrors from '@vellum/fetcher';
import { QueueTimeoutError, RedisUrlError } from '@vellum/queue';
import { EnqueueError, ProcessCrashedError, ProcessTimeoutError } from '@vellum/ingest';
import { MalformedSourceError, ScheduleInputError, ScheduleNotFoundError, ScheduleQueueRequiredError, UnsupportedSourceError } from '@vellum/scheduler';
import { ApiError } from '../services/api/src/errors.ts';
import { SourceFetchError } from '../services/scheduler/src/run/fetch-document.ts';
import { ConfigError } from '../packages/cli/src/config.ts';
import { DependencyError } from '../packages/cli/src/preflight.ts';
import { LocalFileError } from '../packages/cli/src/local-file.ts';
import { OutputClosedError } from '../packages/cli/src/commands/manifest.ts';
import { AddressBlockedError } from '../packages/fetcher/src/address-guard.ts';
import { REPO_ROOT } from './support/run-vellum.ts';

const capture = {} as fetcherErrors.HttpClientError['capture'];
const url = 'https://example.com/a';

/** [error, its code, retryable] for every class outside core (core's: packages/core/test/errors.test.ts). */
const cases: Array<[VellumError, string, boolean]> = [
  [new fetcherErrors.InvalidUrlError('x', 'not absolute'), 'invalid-url', false],
  [new fetcherErrors.UrlTooLongError(url, 10), 'url-too-long', false],
  [new fetcherErrors.BlockedDestinationError(url, '10.0.0.1', 'private'), 'blocked-destination', false],
  [new fetcherErrors.RobotsDisallowedError(url, 'https://example.com/robots.txt', 'vellum'), 'robots-disallowed', false],
  [new fetcherErrors.RobotsUnavailableError('https://example.com/robots.txt', 'HTTP 503'), 'robots-unavailable', true],
  [new fetcherErrors.RedirectLoopError(url, [url]), 'redirect-loop', false],
  [new fetcherErrors.TooManyRedirectsError(url, 5), 'too-many-redirects', false],
  [new fetcherErrors.InvalidRedirectError(url, 301, 'no Location'), 'invalid-redirect', false],
  [new fetcherErrors.BodyTooLargeError(url, 10), 'body-too-large', false],
  [new fetcherErrors.UnsupportedContentTypeError({ contentType: 'application/pdf', finalUrl: url } as fetcherErrors.HttpClientError['capture']), 'unsupported-content-type', false],
  [new fetcherErrors.UnsupportedContentEncodingError(url, 'zstd'), 'unsupported-content-encoding', false],
  [new fetcherErrors.CorruptContentEncodingError(url, 'gzip'), 'corrupt-content-encoding', false],
  [new fetcherErrors.HttpClientError(url, 404, capture), 'http-4xx', false],
  [new fetcherErrors.HttpServerError(url, 503, capture), 'http-5xx', true],
  [new fetcherErrors.RateLimitedError(url, capture, 1000), 'rate-limited', true],
  [new fetcherErrors.FetchTimeoutError(url, 'headers', 1000), 'timeout', true],
  [new fetcherErrors.DnsFailureError(url, 'example.com'), 'dns-failure', true],
  [new fetcherErrors.ConnectionFailedError(url, 'ECONNREFUSED'), 'connection-failed', true],
  [new AddressBlockedError('example.com', '10.0.0.1', 'private'), 'ERR_VELLUM_BLOCKED_ADDRESS', false],
  [new RedisUrlError('bad'), 'invalid-redis-url', false],
  [new QueueTimeoutError('slow'), 'queue-timeout', true],
  [new RecordNotFoundError('submission', 1), 'not-found', false],
  [new MigrationError('edited'), 'migration-failed', false],
  [new EnqueueError([1], new Error('ECONNREFUSED')), 'enqueue-failed', true],
  [new ProcessTimeoutError(10), 'process-timeout', false],
  [new ProcessCrashedError('heap'), 'process-crashed', false],
  [new ScheduleInputError('bad cron'), 'invalid-schedule', false],
  [new ScheduleNotFoundError('daily'), 'schedule-not-found', false],
  [new ScheduleQueueRequiredError('run'), 'schedule-queue-required', false],
  [new MalformedSourceError('bad xml'), 'malformed-source', false],
  [new UnsupportedSourceError('a pdf'), 'unsupported-source', false],
  [new SourceFetchError(url, new Error('boom')), 'fetch-failed', true],
  [new ApiError(404, 'no such article'), 'not-found', false],
  [new ApiError(429, 'slow down'), 'too-many-requests', true],
  [new ApiTokenError('a token named "ci" already exists'), 'invalid-token-name', false],
  [new ApiError(400, 'bad'), 'bad-request', false],
  [new ApiError(503, 'Redis is down'), 'service-unavailable', true],
  [new ConfigError('bad setting'), 'invalid-config', false],
  [new DependencyError('Redis unreachable'), 'dependency-unavailable', true],
  [new LocalFileError('no-such-file', 'missing.html: no such file'), 'no-such-file', false],
  [new OutputClosedError('output closed'), 'output-closed', false],
];

describe('the error family', () => {
  it.each(cases)('%s: code and retryable', (error, code, retryable) => {
    expect(error).toBeInstanceOf(VellumError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.name).toBe(error.constructor.name);
  });

  it('has no error class outside it', async () => {
    const offenders: string[] = [];
    for (const dir of ['packages', 'services']) {
      for (const entry of await readdir(path.join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })) {
        const file = path.join(entry.parentPath, entry.name);
        if (!entry.isFile() || !file.endsWith('.ts') || file.includes(`${path.sep}node_modules${path.sep}`) || file.includes(`${path.sep}test${path.sep}`)) continue;
        const source = await readFile(file, 'utf8');
        for (const m of source.matchAll(/class (\w+) extends (?:Error|TypeError|RangeError)\b/g)) {
          if (m[1] !== 'VellumError') offenders.push(`${path.relative(REPO_ROOT, file)}: ${m[1]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('reaches the fetcher through @vellum/core/errors (and the charset decoder and clock), not the whole core', async () => {
    const imports: string[] = [];
    const src = path.join(REPO_ROOT, 'packages/fetcher/src');
    for (const entry of await readdir(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const source = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
      for (const m of source.matchAll(/from '(@vellum\/core[^']*)'/g)) imports.push(m[1]!);
    }
    expect(new Set(imports)).toEqual(new Set(['@vellum/core/errors', '@vellum/core/decode', '@vellum/core/clock']));
  });
});
