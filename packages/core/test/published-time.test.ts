import { describe, expect, it } from 'vitest';
import { normalizePublishedTime } from '../src/extract/published-time.ts';

describe('normalizePublishedTime', () => {
  const cases: Array<[string | null | undefined, string | null]> = [
    ['2022-04-28T10:15:00+01:00', '2022-04-28T09:15:00.000Z'],
    ['2022-04-28 10:15:00+0100', '2022-04-28T09:15:00.000Z'],
    ['2022-04-28T10:15+05', '2022-04-28T05:15:00.000Z'],
    ['2022-04-28T10:15:00.123456Z', '2022-04-28T10:15:00.123Z'],
    ['  2022-04-28T10:15:00z ', '2022-04-28T10:15:00.000Z'],
    ['Thu, 28 Apr 2022 10:15:00 GMT', '2022-04-28T10:15:00.000Z'],
    ['28 Apr 2022 10:15 +0200', '2022-04-28T08:15:00.000Z'],
    // No time zone: converting would depend on the machine's zone, so the page's words stay.
    ['2022-04-28T10:15:00', '2022-04-28T10:15:00'],
    ['2022-04-28', '2022-04-28'],
    ['April 28, 2022', 'April 28, 2022'],
    ['2022-13-45T10:15:00Z', '2022-13-45T10:15:00Z'],
    ['   ', null],
    ['', null],
    [null, null],
    [undefined, null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => expect(normalizePublishedTime(input)).toBe(expected));
  }
});
