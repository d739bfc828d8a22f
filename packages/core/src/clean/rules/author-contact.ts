import type { CleanRule } from '../rule.ts';
import { uni } from '../text/text-utils.ts';

const MAX_CHARS = 300;

/** Reader-to-author contact lines. */
const CONTACT: readonly RegExp[] = [
  uni(/^(?:write to|e-?mail|contact|reach|message) (?:the (?:author|reporter|writer)s?|(?:him|her|them)|\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3}) (?:at|on|via)\b.{1,200}$/iu),
  /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/u,
  /^(?:https?:\/\/)?(?:www\.)?(?:twitter|x|facebook|instagram|linkedin|threads)\.(?:com|net)\/[\w.@-]+\/?$/iu,
  /^@[A-Za-z0-9_]{2,30}$/u,
  uni(/\b(?:may|can) be reached (?:at|on|via)\b/iu),
  /^(?:have a (?:news )?tip|got a (?:news )?tip)\?/iu,
  uni(/^(?:schreiben sie (?:dem autor|der autorin)|contactez l['’]auteur|escribe al autor)\b/iu),
];

export const authorContact: CleanRule = {
  id: 'author-contact',
  description: 'Author contact lines: "Write to Al Root at …", "Reach the reporters on Twitter at …", "… may be reached at …", bare e-mail addresses, social profile links and @handles.',
  why: 'Contact details for the author are metadata-like furniture, not article text; they are anchored shapes (a contact verb at the start, or a whole block that is an address).',
  examples: {
    removes: [
      'Write to Al Root at allen.root@dowjones.com',
      'Reach the reporters on Twitter at http://twitter.com/MegKinnardAP and http://twitter.com/emarvelous',
      'Have a tip? Amy Kuperinsky may be reached at akuperinsky@njadvancemedia.com. Follow her on Twitter @AmyKup or on Facebook.',
      'paul.takahashi@chron.com',
      'twitter.com/paultakahashi',
      '@apollozac',
    ],
    keeps: [
      'Contact with the rebels was lost at dawn, the ministry said.',
      'The ministry could not be reached for comment on Tuesday.',
      'Write to your MP, campaigners urged, before the vote next week.',
    ],
  },
  patterns: CONTACT,
  params: { maxChars: MAX_CHARS },
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    if (t.length > MAX_CHARS) return null;
    // Several addresses on their own lines ("name@site.com\ntwitter.com/name").
    const lines = t.split(/\n+/u).map((l) => l.trim()).filter(Boolean);
    if (lines.length > 1 && lines.every((l) => CONTACT.slice(1, 4).some((re) => re.test(l)))) return {};
    const [verb, email, profile, handle, reached, tip, foreign] = CONTACT;
    if (email?.test(t) || profile?.test(t) || handle?.test(t) || foreign?.test(t)) return {};
    // A contact verb or "may be reached" needs an address to point to. The anchored wording
    // patterns go first: they fail fast, where the address test scans the whole block.
    if (!(verb?.test(t) || reached?.test(t) || tip?.test(t))) return null;
    return /@|https?:\/\/|\btwitter\b|\be-?mail\b/iu.test(t) ? {} : null;
  },
};
