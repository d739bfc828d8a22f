/** The web UI's escaping template and its session helpers (pure parts; the pages are tested in Chromium by test/web-ui.test.ts). */
import { describe, expect, it } from 'vitest';
import { externalLink, html, safeHref } from '../src/web/html.ts';
import { safeNext } from '../src/web/session.ts';

describe('html template', () => {
  it('escapes every interpolated value, in text and in quoted attributes', () => {
    const evil = `<script>alert("x")</script>' onmouseover='x`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x</p>',
    );
  });

  it('passes nested templates through once, renders lists, and nothing for null, undefined and false', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`${inner}${[html`<i>1</i>`, '<2>']}${null}${undefined}${false}${0}`.value).toBe('<b>a&amp;b</b><i>1</i>&lt;2&gt;0');
  });

  it('links only http(s) URLs', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
    expect(safeHref('https://example.com/a?b=<c>')).toBe('https://example.com/a?b=%3Cc%3E');
    expect(externalLink('javascript:alert(1)').value).toBe('<span class="url">javascript:alert(1)</span>');
    expect(externalLink('https://example.com/').value).toContain('rel="noopener noreferrer nofollow"');
  });
});

describe('safeNext', () => {
  it('keeps a path inside the UI and sends anything else to the start page', () => {
    expect(safeNext('/ui/articles/3?x=1')).toBe('/ui/articles/3?x=1');
    for (const bad of ['https://evil.example/ui/', '//evil.example/ui/', '/uix', '/ui\\@evil', '/admin/queues', 42, undefined]) expect(safeNext(bad)).toBe('/ui/');
  });
});
