/**
 * The naming rules of `promtool check metrics` (Prometheus' util/promlint), applied to parsed
 * metric families, plus the text-level checks its parser makes (one HELP and one TYPE per
 * family, before its samples). promtool is a Go binary, not an npm package: this is its lint,
 * rule for rule, over the families parse-prometheus-text-format returns.
 */
import type { ParsedFamily } from 'parse-prometheus-text-format';

const UNIT_ABBREVIATIONS = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd'];
/** Non-base units promlint knows, with the base unit it asks for. */
const NON_BASE_UNITS: Record<string, string> = {
  minutes: 'seconds',
  hours: 'seconds',
  days: 'seconds',
  weeks: 'seconds',
  milliseconds: 'seconds',
  microseconds: 'seconds',
  nanoseconds: 'seconds',
  kilobytes: 'bytes',
  megabytes: 'bytes',
  gigabytes: 'bytes',
  terabytes: 'bytes',
  petabytes: 'bytes',
  bits: 'bytes',
  kilograms: 'grams',
};
const CAMEL = /[a-z][A-Z]/;
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export interface LintProblem {
  metric: string;
  text: string;
}

export function lintFamilies(families: ParsedFamily[]): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const family of families) {
    const problem = (text: string) => problems.push({ metric: family.name, text });
    const name = family.name;
    const lower = name.toLowerCase();
    const type = family.type.toLowerCase();
    if (!NAME.test(name)) problem('invalid metric name');
    if (!family.help) problem('no help text');
    if (CAMEL.test(name)) problem("metric names should be written in 'snake_case' not 'camelCase'");
    if (name.includes(':')) problem("metric names should not contain ':'");
    for (const sample of family.metrics) {
      for (const label of Object.keys(sample.labels ?? {})) {
        if (CAMEL.test(label)) problem(`label names should be written in 'snake_case' not 'camelCase': ${label}`);
        if (type === 'histogram' && label === 'le') problem('metric name should not use "le" label');
        if (type === 'summary' && label === 'quantile') problem('metric name should not use "quantile" label');
      }
    }
    for (const abbreviation of UNIT_ABBREVIATIONS) {
      if (lower.includes(`_${abbreviation}_`) || lower.endsWith(`_${abbreviation}`)) problem('metric names should not contain abbreviated units');
    }
    for (const part of lower.split('_')) {
      if (NON_BASE_UNITS[part]) problem(`use base unit "${NON_BASE_UNITS[part]}" instead of "${part}"`);
    }
    if (type === 'counter' && !name.endsWith('_total')) problem('counter metrics should have "_total" suffix');
    if (type !== 'counter' && name.endsWith('_total')) problem('non-counter metrics should not have "_total" suffix');
    if (type !== 'histogram' && type !== 'summary') {
      for (const suffix of ['_count', '_sum', '_bucket']) {
        if (name.endsWith(suffix)) problem(`non-histogram and non-summary metrics should not have "${suffix}" suffix`);
      }
    }
    for (const typeWord of ['counter', 'gauge', 'histogram', 'summary', 'untyped']) {
      if (lower.split('_').includes(typeWord)) problem(`metric name should not include type '${typeWord}'`);
    }
  }
  return problems;
}

/** Text-level checks: one HELP and one TYPE per family, each before the family's samples. */
export function lintExposition(text: string): string[] {
  const problems: string[] = [];
  const seen = { HELP: new Set<string>(), TYPE: new Set<string>() };
  const sampled = new Set<string>();
  for (const line of text.split('\n')) {
    const meta = /^# (HELP|TYPE) (\S+)/.exec(line);
    if (meta) {
      const kind = meta[1] as 'HELP' | 'TYPE';
      if (seen[kind].has(meta[2]!)) problems.push(`second ${kind} line for ${meta[2]}`);
      if (sampled.has(meta[2]!)) problems.push(`${kind} line for ${meta[2]} after its samples`);
      seen[kind].add(meta[2]!);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
    if (sample) sampled.add(sample[1]!.replace(/_(bucket|count|sum)$/, ''));
  }
  for (const name of seen.HELP) if (!seen.TYPE.has(name)) problems.push(`${name} has HELP but no TYPE`);
  return problems;
}
