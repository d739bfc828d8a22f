import type { CleanRule } from '../rule.ts';
import { sentenceCount, uni } from '../text/text-utils.ts';

const MAX_CHARS = 450;

/** Paywall, membership and subscription sales pitches (en, de, fr, es). */
const PITCH: readonly RegExp[] = [
  uni(/^(?:subscribe|abonnieren|abonnez-vous|suscr[íi]bete|become a (?:member|subscriber)|join (?:now|today|us))\b/iu),
  uni(/\b(?:subscribe|subscriptions?|become a (?:member|subscriber)|join)\b[^.!?]{0,100}\b(?:for (?:as little as|just|only)|per (?:month|week|year)|a (?:month|week|year)\b|\/\s?(?:month|mo|year|yr)\b|issues? for|unlimited (?:digital )?access|ad-free|no paywalls?)/iu),
  uni(/\b(?:already a (?:subscriber|member)|to continue reading|support (?:our|independent|quality) journalism|unlock (?:unlimited|full|this) (?:access|article|story)|start your free trial|get (?:full|unlimited|digital) access|you have reached your (?:limit|free article))\b/iu),
  uni(/\bdelivered (?:through|to) your (?:letterbox|door(?:step)?|mailbox)\b/iu),
  uni(/\bsubscribe to\b[^.!?]{0,60}\b(?:youtube|channel|podcast|magazine|sister title|print edition)\b/iu),
  uni(/^join our (?:\w+ ){0,2}(?:forums?|community|discord|club|membership|program(?:me)?)\b/iu),
  uni(/\bif you (?:enjoyed|liked|value|appreciate) (?:this|our) (?:article|story|content|journalism|reporting)\b/iu),
  uni(/\b(?:jetzt|hier)\b[^.!?]{0,40}\b(?:abonnieren|abo abschließen|weiterlesen mit)\b|\bmit (?:\w+\s)?(?:plus|abo)\b[^.!?]{0,40}\bweiterlesen\b/iu),
  uni(/\b(?:abonnez-vous|je m['’]abonne|déjà abonné)\b/iu),
  uni(/\b(?:suscr[íi]bete|hazte (?:socio|suscriptor)|ya eres suscriptor)\b/iu),
];

/** Cheap screen: every pitch pattern contains one of these stems (skips the Unicode-boundary scan). */
const STEMS = /subscri|member|join|abonn|abo\b|suscr|socio|continue reading|journalism|unlock|trial|access|letterbox|door|mailbox|enjoyed|liked|value|appreciate|weiterlesen|reached your/iu;

/** Closing buttons of such pitches. */
const BUTTON = /^(?:learn more|subscribe now|join now|start (?:my|your) (?:free )?trial|mehr erfahren|en savoir plus|más información)$/iu;

/** A pitch that starts with an order addresses the reader by itself. */
const IMPERATIVE = uni(/^(?:subscribe|join|get|sign up|become|start|unlock|support|abonnieren|abonnez-vous|suscr[íi]bete)\b/iu);

/** Reader-directed wording; news about subscriptions lacks it. */
const ADDRESSES_READER =
  uni(/\b(?:you|your|our|us|here|now|today|free|click|sie|ihr(?:en)?|unser(?:en)?|jetzt|hier|vous|votre|notre|tu|nuestro|aquí)\b/iu);

export const subscriptionPrompt: CleanRule = {
  id: 'subscription-prompt',
  description:
    'Subscription, membership and paywall pitches: "Subscribe to WIRED and stay smart…", "12 issues for £11.99", "Join NRPLUS", "Already a subscriber?", and their "LEARN MORE" button at the foot.',
  why: 'Sales copy addressed to the reader; a short block must carry a pitch pattern and second-person wording.',
  examples: {
    removes: [
      'Subscribe to WIRED and stay smart with more of your favorite Ideas writers.',
      'Get Motor Cycle Monthly delivered through your letterbox every month. 12 issues for £11.99. Click here for more information.',
      'If you enjoyed this article, and were stimulated by its contents, we have a proposition for you: Join NRPLUS.',
      'Subscribe to 9to5Mac on YouTube for more Apple news:',
      'Subscribe to the 9to5Toys YouTube Channel for all of the latest videos, reviews, and more!',
      'Join our Space Forums to keep talking space on the latest missions, night sky and more!',
      'Get access to India\'s fastest growing financial subscriptions service Moneycontrol Pro for as little as Rs 599 for first year.',
      'Already a subscriber? Log in here.',
      'Jetzt abonnieren und weiterlesen!',
      'Abonnez-vous pour lire la suite.',
    ],
    keeps: [
      'Netflix said subscription prices would rise to $15.49 per month for its standard plan.',
      'The magazine has 12 issues a year and 40,000 subscribers, according to its publisher.',
      'Subscribers to the service grew by 20% last year.',
    ],
  },
  patterns: [...PITCH, BUTTON, ADDRESSES_READER, IMPERATIVE, STEMS],
  params: { maxChars: MAX_CHARS },
  matchBlock(doc, i) {
    const b = doc.block(i);
    if (!b || b.kind === 'figure') return null;
    const t = b.text.trim();
    if (BUTTON.test(t)) return doc.atEnd(i) ? {} : null;
    if (t.length > MAX_CHARS || !STEMS.test(t) || sentenceCount(t) > 4) return null;
    if (!PITCH.some((re) => re.test(t))) return null;
    return ADDRESSES_READER.test(t) || IMPERATIVE.test(t) ? {} : null;
  },
};
