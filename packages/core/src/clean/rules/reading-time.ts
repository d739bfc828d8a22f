import type { CleanRule } from '../rule.ts';

const READING_TIME: readonly RegExp[] = [
  /^(?:estimated\s+)?(?:reading time|read time|time to read)\s*:?\s*(?:about\s+)?\d{1,3}\s*(?:-\s*\d{1,3}\s*)?(?:min(?:ute)?s?\.?)$/iu,
  /^(?:about\s+)?\d{1,3}\s*(?:-\s*\d{1,3}\s*)?(?:min(?:ute)?s?\.?)\s+(?:read|reading)$/iu,
  /^(?:lesezeit|lesedauer)\s*:?\s*(?:ca\.\s*)?\d{1,3}\s*(?:min(?:uten)?\.?)$/iu,
  /^(?:temps de lecture|lecture)\s*:?\s*\d{1,3}\s*(?:min(?:utes?)?\.?)$/iu,
  /^(?:tiempo de lectura|lectura de)\s*:?\s*\d{1,3}\s*(?:min(?:utos?)?\.?)$/iu,
  /^(?:tempo de leitura)\s*:?\s*\d{1,3}\s*(?:min(?:utos?)?\.?)$/iu,
];

export const readingTime: CleanRule = {
  id: 'reading-time',
  description: 'Reading-time badges: "5 min read", "Reading time: 4 minutes", "Lesezeit: 3 Min.", "Temps de lecture : 2 min", "Tiempo de lectura: 3 minutos".',
  why: 'Interface badges computed by the site; the whole block must be the badge.',
  examples: {
    removes: ['5 min read', 'Reading time: 4 minutes', 'Lesezeit: 3 Min.', 'Temps de lecture : 2 min', 'Tiempo de lectura: 3 minutos', 'Tempo de leitura: 1 minuto'],
    keeps: ['The 5 min read of the verdict stunned the court.', 'Reading time for pupils rose by 10 minutes a day.'],
  },
  patterns: READING_TIME,
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    return t.length <= 40 && READING_TIME.some((re) => re.test(t)) ? {} : null;
  },
};
