import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverFeedLinks, robotsTxtUrl, sitemapsFromRobotsTxt } from '../src/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('feed discovery from a home page', () => {
  it('finds rss, atom and JSON feed links in order, resolved against <base href>, deduplicated', () => {
    expect(discoverFeedLinks(fixture('home.html'), 'https://site.example/')).toEqual([
      { url: 'https://cdn.example/site/feed.xml', type: 'rss', title: 'Main feed' },
      { url: 'https://cdn.example/atom.xml', type: 'atom' },
      { url: 'https://site.example/feed.json', type: 'json-feed' },
    ]);
  });

  it('resolves against the page URL when there is no <base>, and finds nothing on a page without feeds', () => {
    const html = '<html><head><link rel="alternate feed" type="application/atom+xml" href="../atom"></head></html>';
    expect(discoverFeedLinks(html, 'https://site.example/news/index.html')).toEqual([
      { url: 'https://site.example/atom', type: 'atom' },
    ]);
    expect(discoverFeedLinks('<p>no feeds here</p>', 'https://site.example/')).toEqual([]);
  });
});

describe('sitemap discovery from robots.txt', () => {
  it('reads Sitemap: lines, resolving relative ones against the robots.txt URL', () => {
    const robotsUrl = robotsTxtUrl('https://site.example/some/page?x=1');
    expect(robotsUrl).toBe('https://site.example/robots.txt');
    expect(sitemapsFromRobotsTxt(fixture('robots.txt'), robotsUrl)).toEqual([
      'https://site.example/sitemap-index.xml',
      'https://site.example/news-sitemap.xml',
    ]);
  });

  it('finds none in a robots.txt without Sitemap lines', () => {
    expect(sitemapsFromRobotsTxt('User-agent: *\nDisallow:\n', 'https://site.example/robots.txt')).toEqual([]);
  });
});
