import type { CleanRule } from '../rule.ts';
import { uni } from '../text/text-utils.ts';

const MAX_CHARS = 500;

/** Affiliate vocabulary (en, de, fr, es). */
const AFFILIATE =
  uni(/\b(?:affiliate(?: and\/or [\w-]+| or [\w-]+)? (?:links?|commissions?|partnerships?|programs?|programmes?)|(?:earn|receive|get|make) (?:a )?(?:small )?(?:share of (?:the )?(?:sales|revenue)|(?:affiliate )?commissions?|compensation)|amazon associate|qualifying purchases|provisions?-?links?|affiliate-links?|werbelinks?|liens? (?:d['’]affiliation|affiliés|sponsorisés)|enlaces? (?:de )?afiliad[oa]s?)\b/iu);
/** Cheap screen: every AFFILIATE match contains one of these stems (skips the Unicode-boundary scan). */
const STEMS = /affili|afiliad|commission|compensation|share of|amazon associate|qualifying purchases|provision|werbelink|sponsoris/iu;
/** Disclosure wording: the site speaks about itself and the reader's purchase. */
const DISCLOSURE =
  uni(/\b(?:may|might|could|contains?|disclosure|if you (?:buy|purchase|click|shop)|when you (?:buy|purchase|click|shop)|at no (?:extra |additional )?cost|through (?:links|our links)|on this (?:page|site)|in this (?:article|post)|wenn (?:sie|du)|kaufen|si vous|si compras|sin coste|as an amazon associate|qualifying purchases|we use|income earning|contient|enthält|contiene|incluye)\b/iu);

export const affiliateDisclosure: CleanRule = {
  id: 'affiliate-disclosure',
  description:
    'Affiliate disclosures: "This post may contain affiliate links", "We may earn a commission if you buy…", "As an Amazon Associate I earn from qualifying purchases", "Provisionslinks", "liens affiliés", "enlaces de afiliados".',
  why: 'Legal boilerplate about the page\'s monetisation, not the article. Needs both affiliate vocabulary and disclosure wording in one short block.',
  examples: {
    removes: [
      'This post may contain affiliate and/or referral links. Please see my disclosure page.',
      'Microsoft may earn an Affiliate Commission if you purchase something through recommended links in this article.',
      'As an Amazon Associate I earn from qualifying purchases.',
      'FTC: We use income earning auto affiliate links. More.',
      'Dieser Artikel enthält Affiliate-Links. Wenn Sie darüber kaufen, erhalten wir eine Provision.',
      'Cet article contient des liens affiliés.',
    ],
    keeps: [
      'The FTC fined the retailer over its affiliate links program, which it said misled buyers.',
      'Amazon cut affiliate commissions for furniture to 3% in April.',
    ],
  },
  patterns: [AFFILIATE, DISCLOSURE, STEMS],
  params: { maxChars: MAX_CHARS },
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    if (t.length > MAX_CHARS || !STEMS.test(t)) return null;
    return AFFILIATE.test(t) && DISCLOSURE.test(t) ? {} : null;
  },
};
