/**
 * The pipeline's option defaults, in a module with no imports so that the CLI's settings schema can
 * show them without loading the pipeline (`@vellum/core/defaults`; importing `@vellum/core` costs
 * over a second). The options interfaces document each with `@defaultValue`; the stages read them
 * from here, and test/documented-defaults.test.ts holds the documentation and these values equal.
 */

/** processPage (`ProcessPageOptions`). */
export const PROCESS_PAGE_DEFAULTS = {
  /** About one sentence: see quality-gate.ts. */
  minTextChars: 50,
} as const;

/** extract (`ExtractOptions`). */
export const EXTRACT_DEFAULTS = {
  fastPath: true,
} as const;

/** diffWords (`DiffWordsOptions`). */
export const DIFF_WORDS_DEFAULTS = {
  maxEditLength: 20_000,
} as const;
