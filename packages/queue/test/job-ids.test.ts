import { describe, expect, it } from 'vitest';
import {
  fetchJobId,
  processJobId,
  sanitizeJobIdPart,
  submissionIdFromJobId,
  parseFetchJobData,
  parseProcessJobData,
  defaultJobOptions,
  checkPriority,
  checkPrefix,
} from '../src/index.ts';

describe('job ids', () => {
  it('derive from the submission, never contain ":" and never look like integers', () => {
    expect(fetchJobId('42')).toBe('fetch-42');
    expect(processJobId({ captureId: '7', submissionId: '42' })).toBe('process-42');
    expect(processJobId({ captureId: '7' })).toBe('reprocess-7-once');
    expect(processJobId({ captureId: '7', submissionId: '42' }, 'pipeline:1.2.0')).toBe('reprocess-7-pipeline_1.2.0');
    for (const id of [fetchJobId('1'), processJobId({ captureId: '1' }, 'a:b c')]) {
      expect(id).not.toContain(':');
      expect(`${parseInt(id, 10)}`).not.toBe(id);
    }
  });

  it('refuse ids that are not positive integers', () => {
    expect(() => fetchJobId('0')).toThrow(/positive integer/);
    expect(() => fetchJobId('1:2')).toThrow(TypeError);
    expect(() => processJobId({ captureId: 'x' })).toThrow(/captureId/);
  });

  it('map back to the submission', () => {
    expect(submissionIdFromJobId('fetch-42')).toBe('42');
    expect(submissionIdFromJobId('process-9')).toBe('9');
    expect(submissionIdFromJobId('reprocess-7-once')).toBeNull();
    expect(submissionIdFromJobId(undefined)).toBeNull();
  });

  it('sanitize free text', () => {
    expect(sanitizeJobIdPart('')).toBe('_');
    expect(sanitizeJobIdPart('a:b\tc')).toBe('a_b_c');
    expect(sanitizeJobIdPart('x'.repeat(500))).toHaveLength(100);
  });
});

describe('payloads', () => {
  it('parse well-formed payloads and reject the rest', () => {
    expect(parseFetchJobData({ submissionId: '5' })).toEqual({ submissionId: '5' });
    expect(parseProcessJobData({ captureId: '3' })).toEqual({ captureId: '3' });
    expect(parseProcessJobData({ captureId: '3', submissionId: '5' })).toEqual({ captureId: '3', submissionId: '5' });
    expect(() => parseFetchJobData({ submissionId: 5 })).toThrow(/malformed fetch job payload/);
    expect(() => parseProcessJobData({ submissionId: '5' })).toThrow(/malformed process job payload/);
    expect(() => parseFetchJobData(null)).toThrow(TypeError);
  });
});

describe('job options', () => {
  it('retry with exponential backoff and keep finished jobs for a while', () => {
    const o = defaultJobOptions();
    expect(o.attempts).toBe(8);
    expect(o.backoff).toEqual({ type: 'exponential', delay: 2000, jitter: 0.2 });
    expect(o.removeOnComplete).toEqual({ age: 86_400, count: 10_000 });
    expect(o.removeOnFail).toEqual({ age: 604_800, count: 50_000 });
    expect(defaultJobOptions({ attempts: 3, backoffMs: 10 })).toMatchObject({ attempts: 3, backoff: { delay: 10 } });
    expect(() => defaultJobOptions({ attempts: 0 })).toThrow(RangeError);
  });

  it('check priorities against the range BullMQ accepts', () => {
    expect(checkPriority(undefined)).toBeUndefined();
    expect(checkPriority(0)).toBeUndefined();
    expect(checkPriority(1)).toBe(1);
    expect(() => checkPriority(1.5)).toThrow(/integer from 1/);
    expect(() => checkPriority(2 ** 22)).toThrow(RangeError);
  });

  it('check prefixes', () => {
    expect(checkPrefix('vellum-test_1.{a}')).toBe('vellum-test_1.{a}');
    expect(() => checkPrefix('a:b')).toThrow(/queue prefix/);
    expect(() => checkPrefix('')).toThrow(RangeError);
  });
});
