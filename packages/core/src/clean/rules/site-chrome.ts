import type { CleanRule } from '../rule.ts';
import { comparable, uni } from '../text/text-utils.ts';

/** Interface labels: navigation, accounts, print and text-size tools, author links. */
const CHROME =
  /^(?:skip to (?:main )?(?:content|navigation|article)|skip navigation|jump to (?:content|navigation)|loading(?: content)?(?:\s*\.{3}|…)?|please wait|toggle navigation|menu|main menu|close menu|search|back to top|top of page|sign in|log ?in|sign up|register|my account|subscriber services|print(?: article| this (?:article|page|story))?|order reprints|reprints(?: & permissions)?|text size|font size|aa|a\+ a-|listen to (?:this )?(?:article|story)|audio version|view author archive|more articles (?:from|by) .{2,40}|email the author|follow on twitter|get author rss|author rss|rss feed|media playback is unsupported on your device|your browser does not support (?:the )?(?:video|audio)(?: (?:tag|element))?|zum inhalt springen|anmelden|aller au contenu|se connecter|ir al contenido|iniciar sesión)[\s.!]*$/iu;
/** "You need JavaScript", "Please enable JavaScript to view…". */
const NO_SCRIPT = uni(/^(?:please enable javascript|you need to enable javascript|javascript (?:is )?(?:required|disabled)|this (?:page|site|feature|content) requires javascript)\b.{0,120}$/iu);
/** Breadcrumbs: "Home » News » Sport". */
const BREADCRUMB = /^[^»›]{1,60}(?:\s[»›]\s[^»›]{1,90}){1,6}$/u;

export const siteChrome: CleanRule = {
  id: 'site-chrome',
  description: 'Site interface text: "Skip to content", "Loading content ...", "Sign In", "Print Article", "Text size", "View author archive", breadcrumbs at the head, JavaScript notices, a bare copy of the page URL.',
  why: 'Buttons and navigation caught inside the article container; whole short blocks only (breadcrumbs and URL copies only at the head).',
  examples: {
    removes: ['Skip to content', 'Loading content ...', 'Sign In', 'Print Article', 'Order Reprints', 'Text size', 'View author archive', 'Home » News » Mensagens de Autoestima', 'Please enable JavaScript to view the comments.'],
    keeps: ['Search teams found the wreck on Tuesday.', 'The menu at the state dinner included venison.', 'Print media lost 12% of its readers.'],
  },
  patterns: [CHROME, NO_SCRIPT, BREADCRUMB],
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    if (t.length <= 60 && CHROME.test(t)) return {};
    if (NO_SCRIPT.test(t)) return {};
    if (doc.atStart(i) && t.length <= 200 && BREADCRUMB.test(t)) return {};
    const url = doc.context.url;
    if (url && doc.atStart(i) && /^https?:\/\/\S+$/u.test(t) && comparable(stripUrl(t)) === comparable(stripUrl(url))) return {};
    return null;
  },
};

function stripUrl(u: string): string {
  return u.replace(/^https?:\/\/(?:www\.)?/u, '').replace(/[?#].*$/u, '').replace(/\/$/u, '');
}
