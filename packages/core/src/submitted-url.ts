/**
 * What a submitted URL (and the name of who submitted it) must be, checked the same way by
 * every way in: `vellum submit`, the HTTP API, the scheduler (through submitUrls).
 *
 *  - surrounding whitespace is trimmed (a pasted URL often carries a newline);
 *  - control characters (C0, DEL, C1) anywhere are refused: the URL parser would silently drop
 *    some (tab, CR, LF) and Postgres refuses NUL, so the stored URL would not be the one given;
 *  - only absolute http(s) URLs;
 *  - a user name or password is refused: the archive would store and show the secret.
 *
 * Error messages never repeat the credentials or the control characters.
 */
import { canonicalizeUrl } from './canonical-url.ts';
import { InvalidInputError } from './errors.ts';

/** C0 controls, DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

export interface SubmittedUrl {
  /** The URL as it will be recorded: the input with surrounding whitespace trimmed. */
  url: string;
  /** canonicalizeUrl(url). */
  normalizedUrl: string;
}

/** Checks a submitted URL (see the module comment); throws InvalidInputError saying why. */
export function checkSubmittedUrl(input: string): SubmittedUrl {
  if (typeof input !== 'string') throw new InvalidInputError('a URL must be a string');
  const url = input.trim();
  if (url === '') throw new InvalidInputError('the URL is empty');
  const control = CONTROL.exec(url);
  if (control) {
    throw new InvalidInputError(`the URL contains a control character (${codePoint(control[0])} at position ${control.index + 1}); nothing was submitted for it`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInputError(`not an absolute URL: ${JSON.stringify(redactUrl(url))}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidInputError(`only http and https URLs are archived, got ${parsed.protocol}`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new InvalidInputError(
      'URLs with a user name or password ("user:password@host") are refused: the archive would store and show them; submit the URL without them',
    );
  }
  return { url, normalizedUrl: canonicalizeUrl(url) };
}

/** The longest submitter name. */
export const MAX_SUBMITTER_LENGTH = 200;

/** Checks who a submission is recorded as submitted by: trimmed, not empty, no control characters. */
export function checkSubmitter(input: string): string {
  if (typeof input !== 'string') throw new InvalidInputError('submittedBy must be a string');
  const name = input.trim();
  if (name === '') throw new InvalidInputError('submittedBy is empty');
  if (name.length > MAX_SUBMITTER_LENGTH) throw new InvalidInputError(`submittedBy is longer than ${MAX_SUBMITTER_LENGTH} characters`);
  const control = CONTROL.exec(name);
  if (control) throw new InvalidInputError(`submittedBy contains a control character (${codePoint(control[0])} at position ${control.index + 1})`);
  return name;
}

/**
 * A refused URL as it may be recorded or shown: trimmed, control characters written as
 * `\u{…}`, a user name and password replaced by `***`.
 */
export function redactUrl(input: string): string {
  const visible = String(input)
    .trim()
    .replace(CONTROLS, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  // scheme://userinfo@ : everything between the scheme and the last @ before the path; and, in
  // what does not even parse, anything shaped like name:secret@.
  return visible.replace(/^([a-z][a-z0-9+.-]*:[\\/]*)[^/\\?#]*@/i, '$1***@').replace(/[^\s/\\?#@:]*:[^\s/\\?#@]*@/g, '***@');
}

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
