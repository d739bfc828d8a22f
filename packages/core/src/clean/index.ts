/**
 * PLACEHOLDER owned by the cleaner work (issue 5): removes nothing yet.
 */
import type { Block, CleanResult } from '../types.ts';

export const CLEAN_VERSION = '0.0.0';

export interface CleanOptions {
  /** The page URL; host-specific rules apply by its host. */
  url?: string;
}

export function clean(blocks: Block[], _options: CleanOptions = {}): CleanResult {
  return { blocks: [...blocks], removed: [], authors: [], media: [] };
}

export function cleanVersion(_options: CleanOptions = {}): string {
  return CLEAN_VERSION;
}
