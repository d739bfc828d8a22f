import type { CleanRule } from '../rule.ts';
import { parseNameList, parseNamesWithRoles } from '../text/names.ts';
import { uni } from '../text/text-utils.ts';

const MAX_LINE = 400;

/** One clause of a Reuters-style credit line: "additional reporting by X", "editing by Y". */
const CLAUSE =
  /^(?:and\s+)?(?<extra>additional |with |with additional |further )?(?<role>reporting|writing|written|research|editing|edited|compiled|graphics|production|translation|fact-checking|recherche|redaktion|mitarbeit|texte|rédaction|édition|reportaje|edición|redacción)(?: and (?:writing|editing|reporting))? (?:by|von|par|por)\s+(?<names>.+)$/iu;
/** Clause boundaries: ";", ". ", or ", " / " and " before the next "… by". */
const CLAUSE_SPLIT =
  uni(/\s*;\s*|\.\s+|,?\s+and\s+(?=(?:additional |with )?(?:reporting|writing|editing)\b)|,\s*(?=(?:additional |with |further )?(?:reporting|writing|editing|research|graphics|compiled)\b)/iu);

/** "Keith Bradsher contributed reporting from Hong Kong." and agency-writer variants. */
const CONTRIBUTED =
  uni(/^(?:(?:the )?[\p{Lu}][\p{L}.'’]*(?:\s[\p{Lu}][\p{L}.'’]*){0,3}(?:['’]s?)?\s+(?:writers?|reporters?|correspondents?|staff(?: writers?)?|journalists?)\s+)?(?<names>.{2,200}?)\s+(?:also\s+)?(?:contributed|contributes)\s+(?:reporting|to (?:this|the) (?:report|story|article)|research)\b.{0,80}$/u);
/** "Fox News’ Jessica Napoli contributed to this report." */
const ORG_POSSESSIVE = /^[\p{Lu}][\p{L}.]*(?:\s[\p{Lu}][\p{L}.]*){0,3}['’]s?\s+/u;

/** German, French, Spanish agency credits: "Mit Material von dpa", "(avec AFP)", "Con información de EFE". */
const AGENCY_CREDIT =
  /^\(?(?:mit material (?:von|der) |mitarbeit:\s*|avec |con información de |con informaci[oó]n de agencias?\s*|\(?with )(?<names>[^()]{2,80})\)?\.?$/iu;

/** News agencies, often written in lower case ("dpa", "afp"). */
const AGENCY_NAMES =
  /^(?:dpa|afp|ap|reuters|epd|kna|sid|apa|sda|efe|ansa|belga|anp|europa press|agencias|agences|agencies|dpa-afx)(?:\s*(?:,|\/|und|and|et|y)\s*(?:dpa|afp|ap|reuters|epd|kna|sid|apa|sda|efe|ansa|belga|anp|europa press|agencias|agences|agencies|dpa-afx))*$/iu;

export const CONTRIBUTOR_PATTERNS: readonly RegExp[] = [CLAUSE, CLAUSE_SPLIT, CONTRIBUTED, ORG_POSSESSIVE, AGENCY_CREDIT, AGENCY_NAMES];

/** Reporter names of a "Reporting by …; Editing by …" line (editors are not authors). */
function creditClauses(text: string): string[] | null {
  const body = text.trim().replace(/^\(|\)\.?$|\.$/gu, '').trim();
  const clauses = body.split(CLAUSE_SPLIT).filter((c) => c.trim() !== '');
  if (clauses.length === 0) return null;
  const authors: string[] = [];
  for (const clause of clauses) {
    const m = CLAUSE.exec(clause.trim());
    const names = m?.groups?.names ? parseNamesWithRoles(m.groups.names) : null;
    if (!m || !names) return null;
    if (/^(?:report|writ|research|recherche|reportaje|texte|redacción|rédaction|mitarbeit)/iu.test(m.groups?.role ?? '')) {
      authors.push(...names.names);
    }
  }
  return authors;
}

function contributedNames(text: string): string[] | null {
  // CONTRIBUTED cannot match without its (case-sensitive) "contribut".
  if (!text.includes('contribut')) return null;
  const raw = CONTRIBUTED.exec(text.trim())?.groups?.names;
  if (!raw) return null;
  return parseNameList(raw) ?? parseNameList(raw.replace(ORG_POSSESSIVE, ''));
}

export const contributorLine: CleanRule = {
  id: 'contributor-line',
  description:
    'Credit lines: "Reporting by …; Editing by …", "(Reporting by …, editing by …)", "X contributed reporting from …", "Additional reporting by …", "Mit Material von dpa", "(avec AFP)". Reporters move to `authors`.',
  why: 'Production credits, not article text. The whole line must consist of credit clauses whose objects parse as names.',
  examples: {
    removes: [
      'Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly, Saqib Iqbal Ahmed and Gertrude Chavez-Dreyfuss; Editing by Nick Zieminski and Dan Grebler',
      '(Reporting by Greg Roumeliotis, Joshua Franklin, with reporting by Herb Lash and Megan Davies, editing by Martin Howell.)',
      'Keith Bradsher contributed reporting from Hong Kong.',
      'Associated Press writers Alan Fram, Zeke Miller and Jill Colvin contributed to this report.',
      'Fox News’ Jessica Napoli contributed to this report.',
      'Additional reporting by Joseph Hudak',
      'Mit Material von dpa',
    ],
    keeps: [
      'Smith contributed $5 million to the campaign, filings show.',
      'Reporting by the BBC suggested the talks had collapsed.',
      'Editing by hand is slow, the archivists said, but it is more reliable.',
      'Foreign donors contributed to this report’s funding, the institute said.',
    ],
  },
  patterns: CONTRIBUTOR_PATTERNS,
  params: { maxLine: MAX_LINE },
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    if (t.length > MAX_LINE) return null;
    const names = creditClauses(t) ?? contributedNames(t);
    if (names) return { authors: names };
    const agency = AGENCY_CREDIT.exec(t);
    const who = agency?.groups?.names?.trim() ?? '';
    if (who && t.length <= 80 && (AGENCY_NAMES.test(who) || parseNamesWithRoles(who))) {
      return { authors: [] };
    }
    return null;
  },
};
