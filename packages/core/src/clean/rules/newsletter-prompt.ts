import type { CleanRule } from '../rule.ts';
import { sentenceCount, uni } from '../text/text-utils.ts';

const MAX_CHARS = 320;

/** Calls to sign up for a newsletter or e-mail alerts (en, de, fr, es). */
const NEWSLETTER: readonly RegExp[] = [
  uni(/\b(?:sign(?:ing)?[ -]?up|subscribe|subscribing|register|opt in|join)\b[^.!?]{0,80}\b(?:newsletters?|(?:e-?mail|news) (?:alerts|updates|briefings?)|inbox|alerts|bulletins?|digest|mailing list)\b/iu),
  uni(/\b(?:get|receive)\b[^.!?]{0,40}\b(?:news|breaking news|e-?mail) alerts\b|\byour inbox\b|\bdelivered (?:to you )?(?:every|each|daily|weekday|weekly)\b/iu),
  uni(/\bnewsletters?\b[^.!?]{0,60}\b(?:sign(?:ing)?[ -]?up|subscribe)\b/iu),
  uni(/\b(?:delivered|sent|straight|direct(?:ly)?|right|land(?:ing)?)\s+(?:to|in|into)\s+your\s+(?:inbox|e-?mail)\b/iu),
  uni(/\bwe(?:'ll|’ll| will)? send (?:you )?(?:an? )?(?:e-?mail|newsletter)\b/iu),
  /^(?:subscribe|sign up|newsletter|get our newsletter|free newsletter|subscribe now|subscribe today|sign up now|sign up today|breaking news emails?|join our mailing list|want more stories like this\??)[\s!.:]*$/iu,
  uni(/\bnewsletter\b[^.!?]{0,60}\b(?:abonnieren|bestellen|anmelden)\b|\b(?:abonnieren sie|melden sie sich|registrieren sie sich|jetzt anmelden)\b[^.!?]{0,60}\bnewsletter/iu),
  uni(/\b(?:abonnez-vous|inscrivez-vous|s['’]inscrire|s['’]abonner|recevez|recevoir)\b[^.!?]{0,60}\b(?:newsletter|lettre d['’]information|infolettre|par e-?mail|par courriel)\b/iu),
  uni(/\b(?:suscr[íi]bete|suscr[íi]base|reg[íi]strate|ap[úu]ntate|suscribirse|recibe|recibir)\b[^.!?]{0,60}\b(?:newsletter|bolet[íi]n|correo|email)\b/iu),
];

/** Cheap screen: every newsletter pattern contains one of these stems. */
const STEMS = /newsletter|sign|subscri|regist|opt in|join|inbox|alert|mail|bulletin|digest|deliver|abonn|anmeld|inscri|recev|suscr|bolet|recib|apunt|apúnt|breaking news|want more/iu;

/** Second person, imperative or "free/now" wording: a prompt addresses the reader. */
const ADDRESSES_READER =
  uni(/\b(?:you|your|our|us|we|here|now|today|free|click|tap|don['’]?t miss|sie|ihr(?:en)?|unser(?:en)?|jetzt|hier|kostenlos|vous|votre|notre|ici|gratuit(?:e|ement)?|tu|su|nuestro|aquí|gratis|ahora)\b/iu);

/** A prompt that starts with an order addresses the reader by itself. */
const IMPERATIVE = /^(?:get|sign up|subscribe|join|stay|receive|never miss|don['’]?t miss|melden sie|abonnieren|inscrivez|abonnez|recevez|suscr[íi]bete|recibe)/iu;

export const newsletterPrompt: CleanRule = {
  id: 'newsletter-prompt',
  description:
    'Newsletter and e-mail alert prompts: "Sign up to the Daily Star’s newsletter", "Get the latest updates right in your inbox", "Newsletter abonnieren", "Inscrivez-vous à notre newsletter", "Suscríbete a nuestro boletín".',
  why: 'Calls to action addressed to the reader. A short block must pair a sign-up verb with a newsletter/e-mail object and speak to the reader, so news about newsletters or sign-ups stays.',
  examples: {
    removes: [
      'Don’t miss a thing! Sign up to the Daily Star’s newsletter',
      'Stay up to date with all the latest Daily Star news by signing up to our free newsletter here.',
      'Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.',
      'Breaking News Emails',
      'SUBSCRIBE',
      'Every day we send an email with the top stories from Digg.',
      'Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.',
      'Let our news meet your inbox. The news and stories that matters, delivered weekday mornings.',
      'Jetzt den kostenlosen Newsletter abonnieren!',
      'Inscrivez-vous à notre newsletter quotidienne.',
      'Suscríbete a nuestro boletín y recibe las noticias en tu correo.',
    ],
    keeps: [
      'Sign up for the Disney+ bundle using the same email as your Hulu account',
      'Men who refused were forced to sign up for the army and sent to the front.',
      'The company said 2 million readers had subscribed to its newsletter by March, up from one million a year earlier.',
      'Investigators found that the hackers had used the newsletter sign-up form to plant malware on the servers of the agency.',
      'The officers were sent emails ordering them to report for duty.',
    ],
  },
  patterns: [...NEWSLETTER, ADDRESSES_READER, IMPERATIVE, STEMS],
  params: { maxChars: MAX_CHARS },
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (!b || b.kind === 'figure') return null;
    const t = b.text.trim();
    if (t.length > MAX_CHARS || !STEMS.test(t) || sentenceCount(t) > 3) return null;
    if (!NEWSLETTER.some((re) => re.test(t))) return null;
    return t.length <= 40 || ADDRESSES_READER.test(t) || IMPERATIVE.test(t) ? {} : null;
  },
};
