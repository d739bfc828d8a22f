/**
 * patches/linkedom+0.18.14.patch changes how linkedom stores things, never what it answers:
 * the DOM calls it touches still behave as the DOM standard (and jsdom) say.
 */
import { DOMParser, Event as LinkedomEvent } from 'linkedom';
import { describe, expect, it } from 'vitest';

const parse = (body: string): Document =>
  new DOMParser().parseFromString(`<html><head></head><body>${body}</body></html>`, 'text/html') as unknown as Document;

describe('linkedom with the patch', () => {
  it('dispatches events to listeners added later (listener maps made on first use)', () => {
    const div = parse('<div>x</div>').querySelector('div')!;
    const seen: string[] = [];
    const ping = () => new LinkedomEvent('ping') as unknown as Event;
    div.dispatchEvent(ping());
    const listener = (event: Event) => seen.push(event.type);
    div.addEventListener('ping', listener);
    div.dispatchEvent(ping());
    div.removeEventListener('ping', listener);
    div.dispatchEvent(ping());
    expect(seen).toEqual(['ping']);
  });

  it('reads and writes inline styles', () => {
    const doc = parse('<div style="display:none;background-color:red">x</div><p>y</p>');
    const div = doc.querySelector('div')! as HTMLElement;
    const p = doc.querySelector('p')! as HTMLElement;
    expect([div.style.display, div.style.backgroundColor, p.style.display]).toEqual(['none', 'red', '']);
    p.style.color = 'blue';
    expect(p.getAttribute('style')).toBe('color:blue');
    div.style.cssText = 'visibility:hidden';
    expect([div.style.visibility, div.style.display]).toEqual(['hidden', '']);
  });

  it('keeps className in step with classList and the class attribute', () => {
    const div = parse('<div class=" a  b a ">x</div>').querySelector('div')!;
    expect(div.className).toBe('a b');
    div.classList.add('c');
    expect(div.className).toBe('a b c');
    div.classList.remove('a');
    div.classList.toggle('z');
    div.classList.replace('z', 'y');
    expect(div.className).toBe('b c y');
    div.setAttribute('class', 'q r');
    expect(div.className).toBe('q r');
    div.removeAttribute('class');
    expect(div.className).toBe('');
    div.className = 'k  l';
    expect(div.className).toBe('k l');
  });

  it('answers tag-name lists in document order, case-insensitively, and other selectors as before', () => {
    const doc = parse('<h2>a</h2><div><H1>b</H1><p class="x">c</p></div><template><h1>t</h1></template><h2>d</h2>');
    expect([...doc.querySelectorAll('h1, h2')].map((e) => e.textContent)).toEqual(['a', 'b', 'd']);
    expect([...doc.querySelectorAll('H1,h2')].map((e) => e.tagName)).toEqual(['H2', 'H1', 'H2']);
    expect(doc.querySelector('p')?.textContent).toBe('c');
    expect(doc.querySelectorAll('div > p.x').length).toBe(1);
    expect(doc.getElementsByTagName('p').length).toBe(1);
    expect(doc.querySelector('div')!.tagName).toBe('DIV');
  });
});
