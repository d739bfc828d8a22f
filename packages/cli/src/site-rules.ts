/** Loads the operator's host-specific cleaning rules (VELLUM_SITE_RULES) into clean options. */
import fs from 'node:fs/promises';
import { parseSiteRules, type CleanOptions } from '@vellum/core';
import type { VellumConfig } from './config.ts';

export async function loadCleanOptions(config: VellumConfig): Promise<CleanOptions> {
  if (!config.siteRulesPath) return {};
  let text: string;
  try {
    text = await fs.readFile(config.siteRulesPath, 'utf8');
  } catch (error) {
    throw new Error(`cannot read VELLUM_SITE_RULES file ${config.siteRulesPath}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`VELLUM_SITE_RULES file ${config.siteRulesPath} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return { siteRules: parseSiteRules(data) };
  } catch (error) {
    throw new Error(`VELLUM_SITE_RULES file ${config.siteRulesPath}: ${(error as Error).message}`);
  }
}
