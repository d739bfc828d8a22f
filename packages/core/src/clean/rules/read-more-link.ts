import type { DocView } from '../doc-view.ts';
import type { CleanRule } from '../rule.ts';
import { isShouting, uni } from '../text/text-utils.ts';

const MAX_CHARS = 250;

/** "Read more: <headline>"-style cross-links (en, de, fr, es, it). */
const LABELLED_LINK =
  /^[[(]?\s*(?:read more|read also|also read|read next|more|related(?: post| article| story| content| reading| coverage| link)?|see (?:also|more)|also (?:see|on [\w.-]+)|also|don['’]?t miss|must read|recommended|watch|listen|click here|lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|lire (?:aussi|également|la suite)|à lire (?:aussi|également)|voir aussi|lee (?:también|más)|leer más|ver también|te puede interesar|leggi anche(?: su)?|on [\w-]+(?:\.[\w-]+)*\.(?:com|net|org|co\.uk|de|fr|es))\s*(?::|\||—|–|>>|»|›)\s*\S.{1,220}$/iu;
/** "Also on rt.com <headline>" (no punctuation after the label). */
const ALSO_ON = /^also on [\w-]+(?:\.[\w-]+)+\s+\S.{1,220}$/iu;
/** A short label followed only by URLs: "More AP NBA: https://apnews.com/NBA and https://…". */
const LABEL_URLS = /^[\p{L}\p{N}'’ ]{2,40}:\s*https?:\/\/\S+(?:\s*(?:,|and|&|\|)\s*https?:\/\/\S+)*\.?$/u;
/** Capitalised labels glued to teaser headlines: "DON'T MISSPlague and …[WARNING]". */
const CAPS_LABEL = /^(?:DON['’]T MISS|READ MORE|SEE MORE|ALSO READ|MUST READ|RELATED|TRENDING|WATCH|MORE)(?=\p{Lu}|\s*[:|]?\s*\S)/u;

/** A cross-link label standing alone; the headline it introduces is the next block. */
const LONE_LABEL =
  /^[[(]?\s*(?:also read|read also|read more|see also|must read|don['’]?t miss|related|related (?:article|story|post)|lesen sie auch|mehr zum thema|à lire aussi|lire aussi|voir aussi|lee también|te puede interesar|leggi anche)\s*[:\]).»›]*$/iu;

/** Is block j a headline (short, one line, no closing full stop, or a link)? */
function headlineAt(doc: DocView, j: number): boolean {
  const b = doc.block(j);
  if (!b || b.kind === 'figure' || b.kind === 'list-item') return false;
  const t = b.text.trim();
  if (t.length === 0 || t.length > 150 || t.includes('\n')) return false;
  return doc.linkCoverage(j) >= 0.6 || !/[.!?…"”]$/u.test(t);
}

/** Buttons: "Read More", "Continue reading", "Weiterlesen". */
const BUTTON = /^(?:read more|read the full (?:story|article)|continue reading|weiterlesen|lire la suite|seguir leyendo|leer más)[\s.!»›>…]*$/iu;
/** "CLICK HERE TO GET THE FOX NEWS APP", "READ MORE ON FOX BUSINESS BY CLICKING HERE". */
const CLICK_HERE = uni(/^click here\b.{0,80}$|^.{0,80}\bby clicking here[\s.!]*$|\bclick here\b/iu);

export const readMoreLink: CleanRule = {
  id: 'read-more-link',
  description:
    'Cross-link lines: "Read more: …", "Related: …", "[Related: …]", "ALSO READ: …", "SEE MORE: …", "Also on rt.com …", "Lesen Sie auch: …", "À lire aussi : …", "Lee también: …", and "Read More" / "click here" buttons.',
  why: 'Pointers to other articles, anchored by a label at the start of a short block; prose that mentions reading or clicking has no label.',
  examples: {
    removes: [
      'Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing',
      'Related: The 15 Weirdest Galaxies in Our Universe',
      '[Related: Salesforce Dreamforce Keynote: AI, Integration, Alicia Keys And Protestors]',
      'ALSO READ: Sensex falls 400 points',
      'SEE MORE: Hong Kong protests: 800 students under siege in university',
      'Also on rt.com Journalists & politicians threatened with sedition arrests',
      'Read More',
      'ALSO READ\nSensex falls 400 points as banks drag',
      'CLICK HERE TO GET THE FOX NEWS APP',
      'READ MORE ON FOX BUSINESS BY CLICKING HERE',
      'Lesen Sie auch: Die Regierung plant neue Steuern',
      'À lire aussi : la réforme des retraites',
      'Lee también: El Gobierno aprueba el presupuesto',
      'More AP NBA: https://apnews.com/NBA and https://twitter.com/AP_Sports',
      "DON'T MISSPlague warning: CDC names EIGHT deadly diseases [WARNING]BLACK DEATH fears: Holidaymakers die after eating marmot [INSIGHT]",
    ],
    keeps: [
      'Read more carefully, the letter suggests the minister knew.',
      'More than 21,000 soldiers deserted in October: a record.',
      'Related charges were dropped in 2018, the court said.',
      'Also, the army said it had retaken the village.',
      'Watch what happens, he told reporters: the markets will decide.',
      'If you click here, nothing happens, the engineer said of the broken form.',
    ],
  },
  patterns: [LABELLED_LINK, ALSO_ON, BUTTON, CLICK_HERE, LABEL_URLS, CAPS_LABEL, LONE_LABEL],
  params: { maxChars: MAX_CHARS },
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (!b || b.kind === 'figure') return null;
    const t = b.text.trim();
    if (t.length > MAX_CHARS) return null;
    if (LONE_LABEL.test(t)) return headlineAt(doc, i + 1) ? { blocks: [i, i + 1] } : {};
    if (BUTTON.test(t)) return {};
    if (t.length <= 120 && CLICK_HERE.test(t)) {
      const strong = /^click here\b|\bby clicking here[\s.!]*$/iu.test(t);
      if (strong || isShouting(t) || doc.linkCoverage(i) >= 0.5) return {};
    }
    if (ALSO_ON.test(t) || t.split(/\n+/u).every((l) => LABEL_URLS.test(l.trim()))) return {};
    // A shouted label then several bracketed teaser tags ("[INSIGHT]", "[VIDEO]") or links.
    if (CAPS_LABEL.test(t) && ((t.match(/\[[A-Z ]{3,20}\]/gu) ?? []).length >= 2 || doc.linkCoverage(i) >= 0.5)) return {};
    if (!LABELLED_LINK.test(t)) return null;
    // "More: …" / "Watch: …" / "Also: …" are common words; demand a link or a headline shape.
    const weak = /^[[(]?\s*(?:more|watch|listen|also)\s*[:|]/iu.test(t);
    return !weak || doc.linkCoverage(i) >= 0.5 || !/[.!?]\s+\p{Lu}/u.test(t) ? {} : null;
  },
};
