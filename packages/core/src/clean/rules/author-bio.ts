import type { DocView } from '../doc-view.ts';
import type { BlockMatch, CleanRule } from '../rule.ts';
import { parseNameList } from '../text/names.ts';
import { comparable, uni } from '../text/text-utils.ts';

const MAX_BIO = 500;
const MAX_SECTION_BLOCKS = 8;
const TAIL_BLOCKS = 4;

/** "About the author" section headings. */
const ABOUT_AUTHOR =
  /^(?:about the (?:author|writer|reporter)s?|about (?:me|us)|the author|über (?:den autor|die autorin)|zum autor|zur autorin|à propos de l['’]auteur|l['’]auteur|sobre el autor|sobre la autora|acerca del autor)[\s:.]*$/iu;

/** "<Name> is a reporter for NBC News." and relatives (en, de, fr, es). */
const BIO =
  uni(/^(?<name>\p{Lu}[\p{L}\p{M}.'’-]*(?: (?:\p{Lu}[\p{L}\p{M}.'’-]*|de|van|von|der|la|le|del)){0,4})(?:\s*\([^()]{1,80}\))?(?:['’]s (?:book|latest book|new book)\b| (?:is|was|has been|covers|writes|reports|edits|joined|ist|est|es) )(?<rest>.{3,480})$/u);
/** Job words that make the sentence a bio. */
const ROLE =
  uni(/\b(?:writer|reporter|journalist|editor|correspondent|columnist|contributor|author|producer|curator|critic|blogger|freelancer|intern|anchor|host|photographer|analyst|native|covers|news|redakteur(?:in)?|journalist(?:in)?|korrespondent(?:in)?|autor(?:in)?|journaliste|rédact(?:eur|rice)|correspondant(?:e)?|periodista|redactor(?:a)?|corresponsal)\b/iu);
/** The bio says who the author works for: "for NBC News", "of 9to5Toys", "IGN's". */
const AFFILIATION = uni(/\b(?:for|of|at|with|bei|für|pour|chez|de|en)\s+(?:the |der |die |das |dem |la |le |el |l['’])?[\p{Lu}\d]|\p{Lu}[\w.]*['’]s\s/u);

function bioName(doc: DocView, i: number): string | null {
  const t = doc.text(i).trim();
  if (t.length > MAX_BIO) return null;
  const m = BIO.exec(t);
  const name = m?.groups?.name;
  const rest = m?.groups?.rest ?? '';
  if (!name || !parseNameList(name)) return null;
  if (doc.isKnownAuthor(name, true)) return name;
  if (!ROLE.test(rest) || !AFFILIATION.test(rest)) return null;
  // A person the story is about (named earlier in the body) is not the author.
  return mentionedBefore(doc, i, name) ? null : name;
}

/** Does the name's last word occur in the body before block i? */
function mentionedBefore(doc: DocView, i: number, name: string): boolean {
  const surname = comparable(name).split(' ').pop() ?? '';
  if (surname.length < 3) return false;
  const re = new RegExp(`(?:^| )${surname}(?: |$)`, 'u');
  for (let j = 0; j < i; j++) if (re.test(doc.comparable(j))) return true;
  return false;
}

/** "About the author" and the short blocks after it, up to the end. */
function aboutSection(doc: DocView, i: number): number[] | null {
  if (!ABOUT_AUTHOR.test(doc.text(i).trim())) return null;
  const after = doc.length - i - 1;
  if (after > MAX_SECTION_BLOCKS) return null;
  const blocks = [i];
  for (let j = i + 1; j < doc.length; j++) {
    if (doc.text(j).length > MAX_BIO) return null;
    blocks.push(j);
  }
  return blocks;
}

function inTail(doc: DocView, i: number): boolean {
  return doc.length - i <= TAIL_BLOCKS || doc.atEnd(i);
}

export const authorBio: CleanRule = {
  id: 'author-bio',
  description:
    'Author bios at the foot: "Phil Helsel is a reporter for NBC News.", "About the Author" sections, a known author\'s name repeated alone; names move to `authors`.',
  why: 'Who wrote the piece is metadata. A bio must sit in the last blocks, start with a name and either name a known author or give a job and an employer, so a closing sentence about a person in the story stays.',
  examples: {
    removes: [
      'Phil Helsel is a reporter for NBC News.',
      'Trevor Daugherty is the Senior Editor of 9to5Toys. Since joining in 2014, he’s specialized in product reviews.',
      'About the Author\n\nZac Hall\n\nZac covers Apple news for 9to5Mac and hosts the weekly 9to5Mac Happy Hour podcast.',
      'Anna Schmidt ist Redakteurin bei der Frankfurter Rundschau.',
    ],
    keeps: [
      'Putin is a former KGB officer who has ruled Russia since 2000.',
      'Morrison was an author whose novels changed American letters.',
      'Lutsenko is a former deputy who now serves in the armed forces.',
      'Evan Gershkovich was detained in March.\n\nGershkovich is a reporter for The Wall Street Journal.',
    ],
  },
  patterns: [ABOUT_AUTHOR, BIO, ROLE, AFFILIATION],
  params: { maxBio: MAX_BIO, maxSectionBlocks: MAX_SECTION_BLOCKS, tailBlocks: TAIL_BLOCKS },
  matchBlock(doc, i): BlockMatch | null {
    const b = doc.block(i);
    if (!b || b.kind === 'figure' || b.kind === 'list-item') return null;
    if (!inTail(doc, i)) return null;
    const section = aboutSection(doc, i);
    if (section) {
      const names = section.map((j) => doc.text(j).trim()).filter((t) => t.length <= 60 && parseNameList(t)?.length === 1);
      return { blocks: section, authors: names };
    }
    const name = bioName(doc, i);
    if (name) return { authors: [name] };
    // The author's name alone, just above a bio or at the very end.
    const t = b.text.trim();
    if (t.length <= 60 && doc.isKnownAuthor(t)) return { authors: [t] };
    if (t.length <= 60 && doc.isKnownAuthor(t.replace(/^by\s+/iu, ''))) return { authors: [t.replace(/^by\s+/iu, '')] };
    return null;
  },
};
