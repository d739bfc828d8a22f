/**
 * The htmlparser2 the prefilter reads every page with, as recorded in the pipeline versions
 * (`versions.htmlparser2`): its version and, when patches/htmlparser2+10.1.0.patch is applied
 * (found at run time, not assumed), the patch's name. The patch changes speed only, but the
 * record says exactly which code ran.
 */
import { createRequire } from 'node:module';
import { Parser, Tokenizer } from 'htmlparser2';

/** Bump when patches/htmlparser2+10.1.0.patch changes. */
export const HTMLPARSER2_PATCH = 'vellum.1';

/** htmlparser2 exports no package.json: its manifest is found from its entry point. */
function installedVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('htmlparser2');
  const manifest = require(`${entry.slice(0, entry.lastIndexOf('/dist/'))}/package.json`) as { name: string; version: string };
  if (manifest.name !== 'htmlparser2') throw new Error('cannot find the version of htmlparser2');
  return manifest.version;
}

/** Both halves of the patch: the native search in the tokenizer, the stack's top at its end. */
function isPatched(): boolean {
  const tokenizer = String((Tokenizer.prototype as unknown as Record<string, unknown>)['fastForwardTo']);
  const parser = String((Parser.prototype as unknown as Record<string, unknown>)['emitOpenTag']);
  return tokenizer.includes('indexOf') && parser.includes('stack.push(');
}

export const HTMLPARSER2_VERSION = `${installedVersion()}${isPatched() ? `+${HTMLPARSER2_PATCH}` : ''}`;
