import type { CleanRule } from '../rule.ts';

/** Whole-block advertising labels and "continues below" markers (en, de, fr, es, and a few more). */
const AD_LABEL =
  /^(?:advertisement|advertising|advert|ad|ads|sponsored|sponsored (?:content|post|story|links?)|sponsored by .{1,40}|paid (?:post|content|partnership)|promoted(?: content| stories)?|partner content|presented by .{1,40}|anzeige|werbung|gesponsert|publicité|contenu sponsorisé|publicidad|contenido patrocinado|patrocinado|publicidade|pubblicità|iklan|reklama|реклама|広告|continue reading (?:below|the main story)|(?:the )?(?:story|article) continues (?:below|after (?:the )?(?:advertisement|ad))(?: advertisement)?|advertisement\s*[-–—:]\s*continue reading below|scroll (?:down )?to continue(?: with content| reading)?|weiter nach der anzeige|la suite après (?:cette )?publicité|(?:[\p{Lu} ]{2,30}\s*\|\s*)?affiliate)[\s.:]*$/iu;

export const adLabel: CleanRule = {
  id: 'ad-label',
  description: 'Advertising labels and markers: "Advertisement", "Sponsored", "Anzeige", "Publicité", "Publicidad", "Continue Reading Below", "Story continues below advertisement".',
  why: 'Slots left by ad placeholders; only a whole short block that is exactly such a label matches.',
  examples: {
    removes: ['Advertisement', 'Advert', 'Sponsored', 'Continue Reading Below', 'Story continues below advertisement', 'Anzeige', 'Publicité', 'Publicidad', 'DIGG PICKS | AFFILIATE'],
    keeps: ['Advertisement revenue fell 12% in the quarter.', 'The ad was pulled after complaints.', 'Sponsored by the state, the programme trained 4,000 teachers.'],
  },
  patterns: [AD_LABEL],
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    return t.length <= 60 && AD_LABEL.test(t) ? {} : null;
  },
};
