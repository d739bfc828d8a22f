import type { CleanRule } from '../rule.ts';
import { uni, wordCount } from '../text/text-utils.ts';

/** Lines that say where the article came from or link to the full version elsewhere. */
const SYNDICATION: readonly RegExp[] = [
  uni(/^this (?:article|story|post|piece|report|column) (?:was |is |has been )?(?:originally |first )?(?:published|appeared|posted|ran)\b.{0,160}$/iu),
  uni(/^(?:originally|first) (?:published|appeared|posted) (?:on|in|at|by)\b.{0,160}$/iu),
  uni(/^(?:this (?:article|story|post) (?:is |was )?)?(?:republished|reprinted|syndicated|reproduced) (?:from|with (?:the )?permission|under)\b.{0,160}$/iu),
  uni(/^(?:source:\s*)?read (?:the )?(?:full|original|entire|rest of the) (?:article|story|post)\b.{0,80}$/iu),
  /^via\s+[\w-]+(?:\.[\w-]+)+\.?$/iu,
  uni(/^citation:.{0,300}\bretrieved\b.{0,60}\bfrom\s+https?:\/\/\S+$/iu),
  uni(/^(?:dieser (?:artikel|beitrag|text) (?:erschien|ist) (?:zuerst|ursprünglich|erstmals)|zuerst erschienen (?:auf|bei|in))\b.{0,160}$/iu),
  uni(/^(?:cet article a (?:été )?(?:initialement|d'abord|d’abord|originellement) (?:publié|paru)|article (?:initialement )?(?:publié|paru) (?:sur|dans|par))\b.{0,160}$/iu),
  uni(/^(?:este (?:artículo|texto) (?:fue|se) publicado (?:originalmente|primero)|publicado originalmente (?:en|por))\b.{0,160}$/iu),
];

/** "SOURCE: News agencies", "Source: AFP" as the article's last line. */
const SOURCE_FOOTER = /^(?:source|sources|quelle|source\s?:?|fuente)\s*:\s*[^.!?]{2,60}\.?$/iu;

export const syndicationLine: CleanRule = {
  id: 'syndication-line',
  description:
    'Syndication and provenance lines: "This article was originally published on …", "Source: Read Full Article", "Via …", "Citation: … retrieved … from …", a closing "Source: …".',
  why: 'They describe the article\'s distribution, not its content; anchored at the start of a short block.',
  examples: {
    removes: [
      'This article was originally published on InfoBrics.',
      'Source: Read Full Article',
      'Via SyndiGate.info',
      'This article is republished from The Conversation under a Creative Commons license. Read the original article.',
      'Dieser Artikel erschien zuerst auf Spiegel Online.',
      'Cet article a été initialement publié sur Le Monde.',
      'Este artículo fue publicado originalmente en El País.',
      'SOURCE: News agencies',
    ],
    keeps: [
      'The report was originally published in 1998 and revised twice since.',
      'This article of the constitution was first published in the official gazette in 1949, historians say, and has been amended since.',
      'Sources said the talks had stalled over the weekend and would resume on Monday after both delegations consulted their capitals.',
      'Source: a senior official, speaking on condition of anonymity, said the plan was dead. The ministry declined to comment.',
    ],
  },
  patterns: [...SYNDICATION, SOURCE_FOOTER],
  params: { maxChars: 300 },
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    if (t.length > 300) return null;
    if (SYNDICATION.some((re) => re.test(t))) return {};
    // The text first: a verdict from the block alone is not asked again in the repeat pass.
    if (wordCount(t) <= 8 && SOURCE_FOOTER.test(t) && doc.atEnd(i)) return {};
    return null;
  },
};
