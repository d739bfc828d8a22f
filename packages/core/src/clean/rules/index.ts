/**
 * The built-in rule set, in the order the engine applies it. Order matters where rules share
 * material: captions pair with figures before figures are moved to media, related-section labels
 * are seen before newsletter prompts consume them, bylines are found before bios look for names.
 */
import type { CleanRule } from '../rule.ts';
import { adLabel } from './ad-label.ts';
import { affiliateDisclosure } from './affiliate-disclosure.ts';
import { authorBio } from './author-bio.ts';
import { authorContact } from './author-contact.ts';
import { buyButton } from './buy-button.ts';
import { byline } from './byline.ts';
import { commentsPrompt } from './comments-prompt.ts';
import { contributorLine } from './contributor-line.ts';
import { cookieNotice } from './cookie-notice.ts';
import { copyrightFooter } from './copyright-footer.ts';
import { figureMediaRule } from './figure-media.ts';
import { galleryChrome } from './gallery-chrome.ts';
import { linkList } from './link-list.ts';
import { linkOnlyLine } from './link-only-line.ts';
import { markupResidue } from './markup-residue.ts';
import { newsletterPrompt } from './newsletter-prompt.ts';
import { photoCaption } from './photo-caption.ts';
import { productAdInline } from './product-ad-inline.ts';
import { readMoreLink } from './read-more-link.ts';
import { readingTime } from './reading-time.ts';
import { relatedLinks } from './related-links.ts';
import { sharePrompt } from './share-prompt.ts';
import { siteChrome } from './site-chrome.ts';
import { subscriptionPrompt } from './subscription-prompt.ts';
import { syndicationLine } from './syndication-line.ts';
import { tagList } from './tag-list.ts';
import { timestampLine } from './timestamp-line.ts';
import { titleRepeat } from './title-repeat.ts';
import { trailingHeading } from './trailing-heading.ts';

export const BUILT_IN_RULES: readonly CleanRule[] = [
  markupResidue,
  galleryChrome,
  syndicationLine,
  productAdInline,
  photoCaption,
  figureMediaRule,
  byline,
  contributorLine,
  timestampLine,
  readingTime,
  titleRepeat,
  relatedLinks,
  newsletterPrompt,
  subscriptionPrompt,
  adLabel,
  affiliateDisclosure,
  buyButton,
  readMoreLink,
  tagList,
  linkList,
  linkOnlyLine,
  sharePrompt,
  authorContact,
  authorBio,
  commentsPrompt,
  siteChrome,
  cookieNotice,
  copyrightFooter,
  trailingHeading,
];
