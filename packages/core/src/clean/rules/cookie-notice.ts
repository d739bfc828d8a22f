import type { CleanRule } from '../rule.ts';
import { uni } from '../text/text-utils.ts';

const COOKIES =
  uni(/\b(?:(?:we|this (?:web)?site|our site) uses? cookies|use of cookies|cookie (?:policy|settings|preferences|consent)|accept (?:all )?cookies|verwendet cookies|nutzt cookies|utilise des cookies|utilisons des cookies|utiliza cookies|usamos cookies|utilizamos cookies)\b/iu);
/** Cheap screen: every COOKIES match contains it. */
const STEMS = /cookie/iu;
const CONSENT = uni(/\b(?:accept|agree|consent|opt-?out|ok|got it|continue|akzeptieren|zustimmen|accepter|j['’]accepte|aceptar|acepto|settings|einstellungen|paramètres|configuración)\b/iu);

/** A banner talks about itself and to the reader. */
const SELF_REFERENCE = uni(
  /\b(?:we|we['’]ll|our|your|you|this (?:web)?site|ihre|wir|diese (?:website|webseite|seite)|nous|vous|votre|ce site|usted|tu|nosotros|este sitio)\b/iu,
);

export const cookieNotice: CleanRule = {
  id: 'cookie-notice',
  description: 'Cookie consent banners: "This website uses cookies to improve your experience… Accept Read More".',
  why: 'Consent banners are page chrome; the block must both announce cookies and offer a consent action.',
  examples: {
    removes: ["This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish.Accept Read More", 'Diese Website verwendet Cookies. Akzeptieren'],
    keeps: ['Regulators said the site uses cookies to track users across the web without their consent, and fined it €5m.'],
  },
  patterns: [COOKIES, CONSENT, SELF_REFERENCE, STEMS],
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    if (t.length > 400 || !STEMS.test(t) || !COOKIES.test(t) || !CONSENT.test(t)) return null;
    // News about cookies names a third party ("Regulators said…"); a banner talks about itself.
    return SELF_REFERENCE.test(t) ? {} : null;
  },
};
