import type { CleanRule } from '../rule.ts';

/** Slideshow and image-viewer controls that extraction flattens into text. */
const GALLERY_CONTROL =
  /^(?:caption|close|enlarge(?: (?:image|this image|photo))?|expand|hide caption|show caption|toggle caption|view (?:gallery|slideshow|photos?|image)|open gallery|launch gallery|photo gallery|start slideshow|next|prev(?:ious)?|zoom|fullscreen|(?:image|photo|slide|picture|bild|foto|imagen) \d{1,3} (?:of|von|de|sur) \/? ?\d{1,3}|\d{1,3} ?(?:of|\/) ?\d{1,3}|this (?:slideshow|gallery|video|content) requires javascript\.?|vergrößern|bildergalerie|zur galerie|agrandir|diaporama|ampliar|galería de fotos)$/iu;

export const galleryChrome: CleanRule = {
  id: 'gallery-chrome',
  description: 'Slideshow controls and counters: "Caption", "Close", "Image 1 of 23", "Enlarge Image", "1 of 6".',
  why: 'Button labels of image viewers; they are interface, not text, and only ever match whole short blocks.',
  examples: {
    removes: ['Image 1 of / 23', 'Caption', 'Close', 'Enlarge Image', '1 of 6', 'This slideshow requires JavaScript.', 'Bild 3 von 12'],
    keeps: ['Close to 40 people were hurt.', 'Caption contests are popular on the site, she said.', '1 of 6 candidates withdrew.'],
  },
  patterns: [GALLERY_CONTROL],
  matchBlock(doc, i) {
    const t = doc.text(i).trim();
    return t.length <= 60 && GALLERY_CONTROL.test(t) ? {} : null;
  },
};
