/** The error family's base: codes, retryable, and isRetryable walking `cause`. */
import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotAnArticleError, PermanentError, TransientError, VellumError, isRetryable } from '../src/errors.ts';
import * as entry from '@vellum/core/errors';
import { InvalidSiteRulesError } from '../src/index.ts';
import { FirstPassFailed } from '../src/extract/run-readability.ts';

describe('the core errors', () => {
  it.each([
    [new NotAnArticleError(), 'not-an-article', false],
    [new InvalidInputError('empty page'), 'invalid-input', false],
    [new InvalidSiteRulesError(['[0].id: required']), 'invalid-site-rules', false],
    [new FirstPassFailed('too little text'), 'readability-first-pass', false],
    [new PermanentError('http-4xx', 'gone'), 'http-4xx', false],
    [new TransientError('timeout', 'slow', { retryAfterMs: 5 }), 'timeout', true],
  ] as const)('%s has its code and says whether a retry can help', (error, code, retryable) => {
    expect(error).toBeInstanceOf(VellumError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.name).toBe(error.constructor.name);
  });

  it('is the @vellum/core/errors entry, the same classes as the package root', () => {
    expect(entry.VellumError).toBe(VellumError);
    expect(entry.isRetryable).toBe(isRetryable);
  });
});

describe('isRetryable', () => {
  const permanent = new PermanentError('blocked-destination', 'no');
  const transient = new TransientError('timeout', 'later');

  it('answers for a Vellum error itself', () => {
    expect(isRetryable(permanent)).toBe(false);
    expect(isRetryable(transient)).toBe(true);
  });

  it('says yes for unknown failures, with or without a cause', () => {
    expect(isRetryable(new Error('boom'))).toBe(true);
    expect(isRetryable(new Error('boom', { cause: new Error('deeper') }))).toBe(true);
    expect(isRetryable('a string')).toBe(true);
    expect(isRetryable(undefined)).toBe(true);
    expect(isRetryable(null)).toBe(true);
  });

  it('walks the cause chain to the first Vellum error', () => {
    expect(isRetryable(new Error('wrapped', { cause: permanent }))).toBe(false);
    expect(isRetryable(new Error('outer', { cause: new TypeError('middle', { cause: permanent }) }))).toBe(false);
    expect(isRetryable(new Error('outer', { cause: new Error('middle', { cause: transient }) }))).toBe(true);
    expect(isRetryable({ cause: permanent })).toBe(false);
  });

  it('lets the outermost Vellum error decide', () => {
    expect(isRetryable(new TransientError('connection-failed', 'retry', { cause: permanent }))).toBe(true);
    expect(isRetryable(new PermanentError('http-4xx', 'no', { cause: transient }))).toBe(false);
  });

  it('ends on a cause chain that loops', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isRetryable(a)).toBe(true);
    const self = new Error('self');
    (self as { cause?: unknown }).cause = self;
    expect(isRetryable(self)).toBe(true);
  });
});
