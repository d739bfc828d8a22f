import type { CleanRule, SpanMatch } from '../rule.ts';
import { uni, wordCount } from '../text/text-utils.ts';

const NETWORKS =
  'share|shares|tweet|submit|email|e-mail|mail|print|pin|pint|pin it|whatsapp|facebook|twitter|x|linkedin|reddit|pinterest|telegram|messenger|flipboard|tumblr|vk|sms|copy link|copy|save|baixar|compartir|compartilhar|partager|teilen|drucken|imprimer|imprimir|share on facebook|share on twitter';

/** A block made only of share-button labels: "Share Tweet Submit", "Whatsapp Facebook Pint Baixar". */
const BUTTON_ROW = new RegExp(`^(?:(?:${NETWORKS})\\b[\\s,|·•/]*){2,12}$`, 'iu');
/** Share and follow prompts as whole short blocks. */
const PROMPT =
  uni(/^(?:share (?:this|the) (?:article|story|post|page)|share (?:on|via) \w+|like this (?:story|article)\?|(?:if you (?:liked|enjoyed) this .{0,40})?share (?:it|this) with (?:a friend|your friends)|follow us (?:on|at)\b|follow (?:\S+ ){0,6}(?:coverage|updates|news|live blog)\b.{0,80}\b(?:at|on)\s+https?:\/\/|follow (?:\p{Lu}[\w’'-]*\s?){1,4} on (?:instagram|facebook|twitter|youtube|linkedin|tiktok|threads)\b|(?:like|follow) us on (?:facebook|twitter|instagram)|folgen sie uns|teilen sie (?:diesen|den) artikel|suivez-nous|partagez (?:cet|l['’])article|síguenos|comparte (?:esta|este) (?:noticia|artículo))/iu);
/** Follow prompts glued to the end of a paragraph: "… Follow him on Twitter @michaeldwall." */
const FOLLOW_TAIL =
  uni(/(?<=[.!?]\s?)\s*(?:Follow (?:us|him|her|them|me|[\p{Lu}][\w’'-]*(?: [\p{Lu}][\w’'-]*){0,3}) (?:on|at) (?:Twitter|Facebook|Instagram|YouTube|LinkedIn|TikTok|Threads)\b[^.!?]{0,120}[.!?]?\s*)+$/u);

export const sharePrompt: CleanRule = {
  id: 'share-prompt',
  description:
    'Share and follow prompts: button rows ("Share Tweet Submit"), "Like this story? Share it with a friend!", "Follow us on Twitter", "Folgen Sie uns", "Suivez-nous", "Síguenos", and follow prompts glued to a paragraph\'s end.',
  why: 'Social buttons and calls to action. A block must consist of button labels or start with a prompt; a glued prompt must follow a full stop and run to the end.',
  examples: {
    removes: [
      'Share Tweet Submit',
      'Whatsapp Facebook Pint Baixar',
      'Like this story? Share it with a friend!',
      'Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.',
      'Follow us on Twitter @Spacedotcom and on Facebook.',
      'Folgen Sie uns auf Twitter.',
      "Follow AP's full coverage of Brexit and British politics at https://www.apnews.com/Brexit",
      "Welcome to IGN's Daily Deals, your source for the best deals. Follow us at Twitter @igndeals.",
      'Mike Wall’s book "Out There" is out now. Follow him on Twitter @michaeldwall.',
    ],
    keeps: [
      'Share prices fell 4% on Monday.',
      'Twitter and Facebook removed the posts within hours.',
      'Supporters follow him on Twitter in their millions, and he uses it daily.',
      'Facebook',
    ],
  },
  patterns: [BUTTON_ROW, PROMPT, FOLLOW_TAIL],
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    if (t.length > 250) return null;
    if (wordCount(t) >= 2 && BUTTON_ROW.test(t)) return {};
    return PROMPT.test(t) ? {} : null;
  },
  matchSpans(doc, i) {
    const t = doc.text(i);
    // FOLLOW_TAIL cannot match without its (case-sensitive) "Follow ".
    const m = t.includes('Follow ') ? FOLLOW_TAIL.exec(t) : null;
    const spans: SpanMatch[] = [];
    if (m && m.index > 0) spans.push({ start: m.index, end: t.length });
    return spans;
  },
};
