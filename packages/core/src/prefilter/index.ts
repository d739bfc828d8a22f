/**
 * Removes what can never be article content before the DOM is built.
 * PLACEHOLDER owned by the speed work (issue 6): replaced by a streaming tokenizer pass.
 */
export const PREFILTER_VERSION = '0.0.0';

export function prefilterHtml(html: string): string {
  return html;
}
