/**
 * Test helper: what of a page is left once everything the prefilter may drop is dropped from a
 * real HTML5 DOM (jsdom's parse5): the reference the prefilter's string-level removals must match.
 */
import { JSDOM, VirtualConsole } from 'jsdom';

const DROPPED = 'script:not([type="application/ld+json" i]), style, template, svg';

function hiddenLikeReadability(element: Element): boolean {
  const style = (element as HTMLElement).style;
  return (
    (style !== undefined && (style.display === 'none' || style.visibility === 'hidden')) ||
    element.hasAttribute('hidden') ||
    (element.getAttribute('aria-hidden') === 'true' && !(element.getAttribute('class') ?? '').includes('fallback-image'))
  );
}

/** The document after DOM-level removal, as `html` outerHTML-free text plus kept JSON-LD. */
export function visibleText(html: string): { text: string; jsonLd: string[]; title: string; lang: string | null } {
  const { window } = new JSDOM('', { url: 'https://example.com/', virtualConsole: new VirtualConsole() });
  try {
    const document = new window.DOMParser().parseFromString(html, 'text/html');
    const jsonLd = [...document.querySelectorAll('script[type="application/ld+json" i]')].map((s) => s.textContent ?? '');
    const title = document.title;
    const lang = document.documentElement.getAttribute('lang');
    for (const element of [...document.querySelectorAll(DROPPED)]) element.remove();
    for (const frame of document.querySelectorAll('iframe')) frame.textContent = '';
    const walker = document.createTreeWalker(document.body ?? document.documentElement, window.NodeFilter.SHOW_ELEMENT);
    const hidden: Element[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (hiddenLikeReadability(node as Element)) hidden.push(node as Element);
    }
    for (const element of hidden) element.remove();
    const text = (document.body ?? document.documentElement).textContent ?? '';
    return { text: text.replace(/\s+/g, ' ').trim(), jsonLd, title, lang };
  } finally {
    window.close();
  }
}
