import type { CleanRule } from '../rule.ts';
import { uni } from '../text/text-utils.ts';

const MAX_CHARS = 400;

/** "© 2024 Latin Times.", "Copyright ⓒ Entermedia.co.kr", "Copyright @ 2019 The New Arab." */
const COPYRIGHT_START = uni(/^(?:copyright\s*(?:©|\(c\)|ⓒ|@)|copyright\s+(?:19|20)\d{2}\b|(?:©|\(c\)|ⓒ)\s*(?:copyright\s*)?(?:19|20)\d{2}\b)/iu);
/** Rights statements anywhere in a short block (en, de, fr, es, ko, ja). */
const RIGHTS =
  uni(/\b(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|do not reproduce|may not be (?:published|reproduced|redistributed)|no part (?:of this (?:\w+ )?)?may be reproduced|subject to copyright|without (?:the )?(?:express )?written permission)\b|무단\s?전재|転載|著作権/iu);
/** "The contents of this site are ©2019 Capitol Hill Publishing Corp." */
const SITE_CONTENTS = uni(/\b(?:contents?|material) (?:of|on) this (?:site|website|page) (?:is|are) (?:©|copyright|\(c\))/iu);

/** Cheap screen before the Unicode-boundary patterns. */
const STEMS = /©|\(c\)|ⓒ|@|copyright|rights|reserv|vorbehalten|reprodu|without|contents?|material|무단|転載|著作権/iu;

export const copyrightFooter: CleanRule = {
  id: 'copyright-footer',
  description: 'Copyright footers: "© 2024 Latin Times. All rights reserved. Do not reproduce without permission.", "Copyright ⓒ …", "This document is subject to copyright…", "Alle Rechte vorbehalten", "Tous droits réservés", "Todos los derechos reservados".',
  why: 'Legal boilerplate. A block must start with a copyright mark and year, or carry a rights statement while being short or at the foot of the article.',
  examples: {
    removes: [
      '© 2024 Latin Times. All rights reserved. Do not reproduce without permission.',
      'Copyright ⓒ Entermedia.co.kr. 무단전재 및 재배포 금지',
      'Copyright @ 2019 The New Arab.',
      'The contents of this site are ©2019 Capitol Hill Publishing Corp., a subsidiary of News Communications, Inc.',
      '© 2021 dpa. Alle Rechte vorbehalten.',
    ],
    keeps: [
      'Copyright law in the EU changed in 2019, when the directive passed after years of lobbying by publishers.',
      'The © symbol was added to the logo in 1998.',
      'Publishers said the ruling meant that no part of a book may be quoted without a licence, which critics called absurd and which lawyers expect to be appealed.',
    ],
  },
  patterns: [COPYRIGHT_START, RIGHTS, SITE_CONTENTS, STEMS],
  params: { maxChars: MAX_CHARS },
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    if (t.length > MAX_CHARS || !STEMS.test(t)) return null;
    if (COPYRIGHT_START.test(t) || SITE_CONTENTS.test(t)) return {};
    if (RIGHTS.test(t) && (t.length <= 160 || doc.atEnd(i))) return {};
    return null;
  },
};
