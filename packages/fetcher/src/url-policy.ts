/**
 * Which URLs may be fetched at all: absolute http(s), no credentials, not too long. Runs on
 * the submitted URL and on every redirect target.
 */
import { InvalidUrlError, UrlTooLongError } from './errors.ts';

/** Parse and vet a URL (relative ones resolve against `base`). The fragment is dropped: it is never sent. */
export function parseTargetUrl(input: string, maxUrlLength: number, base?: string): URL {
  if (input.length > maxUrlLength) throw new UrlTooLongError(input, maxUrlLength);
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw new InvalidUrlError(input, 'it is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(input, `the ${url.protocol.replace(/:$/, '')} scheme is not fetched (only http and https)`);
  }
  if (url.username || url.password) {
    throw new InvalidUrlError(input, 'URLs with embedded credentials are not fetched');
  }
  if (!url.hostname) throw new InvalidUrlError(input, 'it has no host');
  url.hash = '';
  if (url.href.length > maxUrlLength) throw new UrlTooLongError(url.href, maxUrlLength);
  return url;
}
