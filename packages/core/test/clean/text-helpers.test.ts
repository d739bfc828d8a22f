/** The parsing helpers the rules rely on: positive and negative cases. */
import { describe, expect, it } from 'vitest';
import { authorsOfDeclaredByline, parseByline } from '../../src/clean/text/bylines.ts';
import { creditLine, leadingCredit, splitCaption, trailingCredit } from '../../src/clean/text/credits.ts';
import { isDateStamp } from '../../src/clean/text/dates.ts';
import { parseNameList, parseNamesWithRoles, tidyName } from '../../src/clean/text/names.ts';
import { uni } from '../../src/clean/text/text-utils.ts';

describe('names', () => {
  it('parses name lists with particles, initials and accents', () => {
    expect(parseNameList('Stefan Becket, Kathryn Watson and Grace Segers')).toEqual(['Stefan Becket', 'Kathryn Watson', 'Grace Segers']);
    expect(parseNameList('Ursula von der Leyen & Troy L. Smith')).toEqual(['Ursula von der Leyen', 'Troy L. Smith']);
    expect(parseNameList('Juan Pérez y José Álvarez')).toEqual(['Juan Pérez', 'José Álvarez']);
  });

  it('rejects prose, months and lower-case words', () => {
    expect(parseNameList('March')).toBeNull();
    expect(parseNameList('the end of the week')).toBeNull();
    expect(parseNameList('Smith said')).toBeNull();
  });

  it('sets trailing roles and organisations apart', () => {
    expect(parseNamesWithRoles('Tom Krisher, Ap Auto Writer')).toEqual({ names: ['Tom Krisher'], roles: ['Ap Auto Writer'] });
    expect(parseNamesWithRoles('Associated Press')).toEqual({ names: ['Associated Press'], roles: [] });
    expect(tidyName('TOM KRISHER')).toBe('Tom Krisher');
  });
});

describe('bylines', () => {
  it('parses names up to a date, separator or "on"', () => {
    expect(parseByline('By Justine Coleman - 11/18/19 11:04 PM EST')).toEqual(['Justine Coleman']);
    expect(parseByline('By HNN Staff | November 18, 2019 at 2:26 PM HST')).toEqual(['HNN Staff']);
    expect(parseByline('By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m.')).toEqual(['Matthew Digby', 'Minh Do']);
    expect(parseByline('by Regan September 15, 2014')).toEqual(['Regan']);
    expect(parseByline('Par Jean-Luc Dupont, envoyé spécial')).toEqual(['Jean-Luc Dupont']);
  });

  it('rejects prose that starts with By/Von/Par/Por', () => {
    for (const t of ['By March, the army had lost a third of its tanks.', 'By then it was too late.', 'Von der Leyen said no.', 'Por su parte, el ministro calló.']) {
      expect(parseByline(t)).toBeNull();
    }
  });

  it('reads a declared byline, falling back to the whole string', () => {
    expect(authorsOfDeclaredByline('By TOM KRISHER, AP Auto Writer')).toEqual(['Tom Krisher']);
    expect(authorsOfDeclaredByline('Lisa Kaczke and Trevor J. Mitchell')).toEqual(['Lisa Kaczke', 'Trevor J. Mitchell']);
  });
});

describe('dates', () => {
  it('recognises stamps in several languages', () => {
    for (const t of ['Updated 1:39 am EST, Wednesday, November 20, 2019', 'Publié le 3 mars 2021 à 10h12', 'Veröffentlicht am 3. März 2021 um 10:12 Uhr', 'Actualizado el 4 de mayo de 2022, 09:30', '18 NOV 2019']) {
      expect(isDateStamp(t), t).toBe(true);
    }
  });

  it('rejects sentences with dates in them', () => {
    for (const t of ['On November 20, 2019, the court ruled against him.', '7th Amsterdam Light Festival 29 November 2018 | 20 January 2019', 'Prices rose 12.79 percent.']) {
      expect(isDateStamp(t), t).toBe(false);
    }
  });
});

describe('credits', () => {
  it('recognises whole-line credits and rejects gallery headlines', () => {
    expect(creditLine('Photo: Damian Dovarganes, AP')).toBe('Photo: Damian Dovarganes, AP');
    expect(creditLine('(Image: © TNG Collaboration)')).toBe('Image: © TNG Collaboration');
    expect(creditLine('Image copyright Getty Images')).toBe('Image copyright Getty Images');
    expect(creditLine('Photos: Europa, Mysterious Icy Moon of Jupiter')).toBeNull();
    expect(creditLine('© 2024 Latin Times')).toBeNull();
  });

  it('splits a glued credit off a caption', () => {
    expect(trailingCredit('Tanks near Kyiv. Getty Images | Anastasia Vlasova')).toEqual({ caption: 'Tanks near Kyiv.', credit: 'Getty Images | Anastasia Vlasova' });
    expect(trailingCredit('The hospital where patients sought treatmentCredit: EPA')).toEqual({ caption: 'The hospital where patients sought treatment', credit: 'Credit: EPA' });
    expect(trailingCredit('A shopper in Grass Valley. (Elias Funez/The Union via AP)')).toMatchObject({ credit: 'Elias Funez/The Union via AP' });
    expect(trailingCredit('He said the photo by a local resident was genuine.')).toBeNull();
    expect(leadingCredit('© Lucy Nicholson Detainees at Otay Mesa on May 18, 2018.')).toEqual({ caption: 'Detainees at Otay Mesa on May 18, 2018.', credit: '© Lucy Nicholson' });
    expect(splitCaption('Image caption Scooter Braun has managed Justin Bieber')).toEqual({ caption: 'Scooter Braun has managed Justin Bieber', credit: null });
  });
});

describe('uni', () => {
  it('makes \\b work next to accented letters', () => {
    expect(/\bpublié\b/u.test('publié le 3 mars')).toBe(false);
    expect(uni(/\bpublié\b/u).test('publié le 3 mars')).toBe(true);
    expect(uni(/\bcat\b/u).test('concatenate')).toBe(false);
  });
});
