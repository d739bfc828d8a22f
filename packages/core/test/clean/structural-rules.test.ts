/**
 * Rules that decide by structure (figures, links, position, declared metadata) rather than by a
 * block's words alone: positive and negative cases built from blocks.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../../src/clean/index.ts';
import type { Block } from '../../src/types.ts';
import { body, h, li, linked, p, texts } from './helpers.ts';

const rules = (r: { removed: Array<{ rule: string }> }) => [...new Set(r.removed.map((x) => x.rule))];

describe('figure-media', () => {
  it('moves a figure with its figcaption to media, splitting the credit', () => {
    const fig: Block = {
      kind: 'figure',
      text: '',
      src: 'https://img.example.com/a.jpg',
      alt: 'tanks',
      caption: 'Tanks near Pavlohrad on February 24, 2022. Getty Images | Anastasia Vlasova',
    };
    const r = clean([body(1), fig, body(2)]);
    expect(texts(r.blocks)).toEqual([body(1).text, body(2).text]);
    expect(r.media).toEqual([
      { src: 'https://img.example.com/a.jpg', caption: 'Tanks near Pavlohrad on February 24, 2022.', credit: 'Getty Images | Anastasia Vlasova' },
    ]);
    expect(r.removed).toEqual([{ rule: 'figure-media', text: fig.caption, position: 1 }]);
  });

  it('keeps the alt text as the caption of an uncaptioned figure, and takes a credit line after it', () => {
    const fig: Block = { kind: 'figure', text: '', src: 'https://img.example.com/b.jpg', alt: 'A map of PM2.5 over India' };
    const r = clean([body(1), fig, p('Photo: Jane Doe, AP'), body(2)]);
    expect(texts(r.blocks)).toEqual([body(1).text, body(2).text]);
    expect(r.media).toEqual([{ src: 'https://img.example.com/b.jpg', caption: 'A map of PM2.5 over India', credit: 'Photo: Jane Doe, AP' }]);
  });

  it('makes one media item of a figure and the copy of its figcaption after it', () => {
    const caption = 'Tanks near Pavlohrad on February 24, 2022. Getty Images | Anastasia Vlasova';
    const fig: Block = { kind: 'figure', text: '', src: 'https://img.example.com/t.jpg', caption };
    for (const twin of [{ kind: 'caption' as const, text: caption }, p(caption)]) {
      const r = clean([fig, twin, body(1)]);
      expect(texts(r.blocks)).toEqual([body(1).text]);
      expect(r.media).toEqual([{ src: 'https://img.example.com/t.jpg', caption: 'Tanks near Pavlohrad on February 24, 2022.', credit: 'Getty Images | Anastasia Vlasova' }]);
      expect(r.removed.map((x) => x.position)).toEqual([0, 1]);
    }
  });

  it('takes a standalone caption block', () => {
    const r = clean([body(1), { kind: 'caption', text: 'The plant at night. (AP Photo/Evan Vucci)' }]);
    expect(r.media).toEqual([{ src: null, caption: 'The plant at night.', credit: 'AP Photo/Evan Vucci' }]);
  });

  it('takes "caption\\ncredit" text left beside a bare figure, but not prose beside a figure', () => {
    const fig: Block = { kind: 'figure', text: '', src: 'https://img.example.com/c.jpg' };
    const caption = p('Burning crop stubble outside of Delhi is sending smoke into the city.\nSakib Ali/Hindustan Times/Getty Images');
    const r = clean([body(1), caption, fig, body(2)]);
    expect(r.media).toEqual([
      { src: 'https://img.example.com/c.jpg', caption: 'Burning crop stubble outside of Delhi is sending smoke into the city.', credit: 'Sakib Ali/Hindustan Times/Getty Images' },
    ]);
    const prose = p('Clip the $10 off coupon on the product page');
    const kept = clean([body(1), prose, { ...fig }, body(2)]);
    expect(texts(kept.blocks)).toContain(prose.text);
  });
});

describe('photo-caption pairing', () => {
  it('pairs a credit line with the caption above it at the head of the article', () => {
    const r = clean([p('Sheikh Mohammed passes a Boeing 787-10 during the Dubai Airshow'), p('Natalie Naccache | Bloomberg | Getty Images'), body(1)]);
    expect(r.media).toEqual([{ src: null, caption: 'Sheikh Mohammed passes a Boeing 787-10 during the Dubai Airshow', credit: 'Natalie Naccache | Bloomberg | Getty Images' }]);
    expect(texts(r.blocks)).toEqual([body(1).text]);
  });

  it('does not take a paragraph of the story above a mid-article credit line', () => {
    const prose = p('Hurricanes 4, Blackhawks 2: Nino Niederreiter had a goal and an assist.');
    const r = clean([body(1), prose, p('Photo: Gene J. Puskar'), body(2)]);
    expect(texts(r.blocks)).toEqual([body(1).text, prose.text, body(2).text]);
    expect(r.media).toEqual([{ src: null, caption: null, credit: 'Photo: Gene J. Puskar' }]);
  });
});

describe('link-list', () => {
  const nav = ['Home', 'News', 'Sports', 'Business'].map((t) => li(t, 1, linked(t)));

  it('drops a navigation list before the article and a related list after it', () => {
    const related = ['Who will make the Rock Hall in 2020?', 'Fans want the Doobie Brothers in'].map((t) => li(t, 2, linked(t)));
    const r = clean([...nav, body(1), body(2), ...related]);
    expect(texts(r.blocks)).toEqual([body(1).text, body(2).text]);
    expect(rules(r)).toEqual(['link-list']);
  });

  it('keeps a list of links inside the article body', () => {
    const deals = ['Get it on Amazon for $39.99', 'Get it at Walmart for $238.99'].map((t) => li(t, 3, linked(t)));
    const r = clean([body(1), ...deals, body(2)]);
    expect(r.removed).toEqual([]);
  });

  it('keeps an unlinked list before the article', () => {
    const facts = [li('Born in 1952', 4), li('Married twice', 4)];
    expect(clean([...facts, body(1)]).removed).toEqual([]);
  });
});

describe('link-only-line', () => {
  it('drops a shouted whole-link promo between paragraphs', () => {
    const promo = p("SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'", linked("SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'"));
    const r = clean([body(1), promo, body(2)]);
    expect(r.removed.map((x) => x.rule)).toEqual(['link-only-line']);
  });

  it('keeps a whole-link line in ordinary case, and a shouted line that is not a link', () => {
    const product = h('RAVPower 61W USB-C PD GaN Wall Charger');
    product.links = [{ text: product.text, href: 'https://example.com/p' }];
    const shout = p('NISSAN SENTRA');
    expect(clean([body(1), product, body(2), shout, body(3)]).removed).toEqual([]);
  });
});

describe('title-repeat', () => {
  it('drops a head block equal to the title (or the title without its site suffix)', () => {
    const r = clean([h('New SUVs and electric vehicles highlight L.A. Auto Show', 1), body(1)], {
      title: 'New SUVs and electric vehicles highlight L.A. Auto Show - Connecticut Post',
    });
    expect(r.removed.map((x) => x.rule)).toEqual(['title-repeat']);
  });

  it('keeps the headline without a declared title, and keeps a mid-article repeat', () => {
    expect(clean([h('New SUVs highlight the L.A. Auto Show', 1), body(1)]).removed).toEqual([]);
    const r = clean([body(1), p('New SUVs highlight the L.A. Auto Show'), body(2)], { title: 'New SUVs highlight the L.A. Auto Show' });
    expect(r.removed).toEqual([]);
  });
});

describe('trailing-heading', () => {
  it('drops a heading left last, keeps headings followed by text', () => {
    const r = clean([h('Why it matters'), body(1), h('How is the plague spread?'), body(2), h('Something to Consider')]);
    expect(texts(r.blocks)).toEqual(['Why it matters', body(1).text, 'How is the plague spread?', body(2).text]);
    expect(r.removed.map((x) => x.rule)).toEqual(['trailing-heading']);
  });
});

describe('related-links', () => {
  it('drops a label with the teaser tail after it', () => {
    const tail = [p('You may also like...'), p('Who will make the Rock Hall in 2020?', linked('Who will make the Rock Hall in 2020?')), p('25 worst inductees ever', linked('25 worst inductees ever'))];
    const r = clean([body(1), body(2), body(3), ...tail]);
    expect(texts(r.blocks)).toEqual([body(1).text, body(2).text, body(3).text]);
  });

  it('keeps an article section that merely starts with a label-like heading', () => {
    const blocks = [body(1), h('Latest'), body(2), body(3), body(4)];
    expect(clean(blocks).removed).toEqual([]);
  });
});

describe('byline and author bio with a declared byline', () => {
  it('turns a head block repeating the declared byline into authors', () => {
    const r = clean([p('Tom Krisher, Ap Auto Writer'), body(1)], { byline: 'By TOM KRISHER, AP Auto Writer' });
    expect(r.authors).toEqual(['Tom Krisher']);
    expect(r.removed.map((x) => x.rule)).toEqual(['byline']);
  });

  it('drops a closing bio of the declared author even without a job/employer phrase', () => {
    const bio = p('Dallas Robinson is a freelance writer living in Minneapolis');
    const r = clean([body(1), body(2), bio], { byline: 'Dallas Robinson' });
    expect(r.removed.map((x) => x.rule)).toEqual(['author-bio']);
    expect(r.authors).toEqual(['Dallas Robinson']);
  });

  it('keeps a closing sentence about a journalist the story is about', () => {
    const blocks = [p('Evan Gershkovich was detained in Yekaterinburg in March, his newspaper said on Thursday in a statement.'), body(1), p('Gershkovich is a reporter for The Wall Street Journal.')];
    expect(clean(blocks).removed).toEqual([]);
  });
});

describe('site chrome with the page URL', () => {
  it('drops a bare copy of the page URL at the head only', () => {
    const url = 'https://www.ctpost.com/news/us/article/New-SUVs-14848164.php';
    const r = clean([p(url), body(1)], { url });
    expect(r.removed.map((x) => x.rule)).toEqual(['site-chrome']);
    const other = p('http://www.ipabionline.com/2013/02/ahmadinejad.html');
    expect(clean([other, body(1)], { url }).removed).toEqual([]);
  });
});

describe('multi-line blocks (line breaks kept by the extractor)', () => {
  it('reads a tag label on its own line, contact lines and label: URL lines', () => {
    const r = clean([
      body(1),
      body(2),
      p('Listen: http://po.st/TP_615\nDownload: http://po.st/TP_615Download\niTunes: http://po.st/TP_615Apple'),
      p('paul.takahashi@chron.com\ntwitter.com/paultakahashi'),
      p('Tags\ncalendario stock car 2018, stock car brasil, stock car santa cruz do sul'),
    ]);
    expect(texts(r.blocks)).toEqual([body(1).text, body(2).text]);
    expect(r.removed.map((x) => x.rule)).toEqual(['read-more-link', 'author-contact', 'tag-list']);
  });

  it('keeps a poem or address whose lines are prose', () => {
    const poem = p('I wandered lonely as a cloud\nThat floats on high o’er vales and hills,\nWhen all at once I saw a crowd');
    expect(clean([body(1), poem, body(2)]).removed).toEqual([]);
  });
});

describe('link-list: whole-link headlines ending the article', () => {
  const teaser = (t: string) => p(t, linked(t));

  it('drops a closing run of two or more linked headlines', () => {
    const r = clean([body(1), body(2), teaser('Audio-Technica ATH-G1WL Review: My new go-to headset'), teaser('Ecoflow River 370 Review: Charge up to 9 devices')]);
    expect(texts(r.blocks)).toEqual([body(1).text, body(2).text]);
  });

  it('keeps a single closing link, bare URLs, and linked headlines followed by text', () => {
    const urls = [p('http://www.shia-explained.com/my/archives/2364', linked('http://www.shia-explained.com/my/archives/2364')), p('http://syiahali.wordpress.com/2011/09/07/fatwa', linked('http://syiahali.wordpress.com/2011/09/07/fatwa'))];
    expect(clean([body(1), body(2), ...urls]).removed).toEqual([]);
    expect(clean([body(1), body(2), teaser('Read the full report on the plan here today')]).removed).toEqual([]);
    expect(clean([body(1), teaser('One headline that is linked here'), teaser('Another headline that is linked too'), body(2)]).removed).toEqual([]);
  });

  it('keeps a link whose text lost a span cut, so link density survives span removal', () => {
    const t = 'Ecoflow River 370 Review: Charge up to 9 devices [caption]';
    const r = clean([body(1), p(t, linked(t))]);
    expect(r.blocks[1]?.text).toBe('Ecoflow River 370 Review: Charge up to 9 devices');
    expect(r.blocks[1]?.links).toEqual([{ text: 'Ecoflow River 370 Review: Charge up to 9 devices', href: 'https://example.com/x' }]);
  });
});

describe('read-more-link: a lone label and its headline', () => {
  it('drops "ALSO READ" with the headline under it, but not the paragraph after a lone label', () => {
    const r = clean([body(1), p('ALSO READ'), p('Sensex falls 400 points as banks drag'), body(2)]);
    expect(texts(r.blocks)).toEqual([body(1).text, body(2).text]);
    const kept = clean([body(1), p('Read more'), body(2)]);
    expect(texts(kept.blocks)).toEqual([body(1).text, body(2).text]);
  });
});
