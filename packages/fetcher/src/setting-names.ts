/**
 * The errors that tell the operator to change a limit name it as the operator sets it
 * (`VELLUM_MAX_BODY_BYTES`, not the option `maxBodyBytes`): the entry point passes the names.
 */
import { BlockedDestinationError, BodyTooLargeError, TooManyRedirectsError, UrlTooLongError } from './errors.ts';
import type { SettingNames } from './options.ts';

export function withSettingNames(error: unknown, names: SettingNames): unknown {
  if (error instanceof BlockedDestinationError && names.allowHosts) {
    return new BlockedDestinationError(error.url, error.address, error.range, names.allowHosts);
  }
  if (error instanceof BodyTooLargeError && names.maxBodyBytes) return new BodyTooLargeError(error.url, error.maxBodyBytes, names.maxBodyBytes);
  if (error instanceof TooManyRedirectsError && names.maxRedirects) return new TooManyRedirectsError(error.url, error.maxRedirects, names.maxRedirects);
  if (error instanceof UrlTooLongError && names.maxUrlLength) return new UrlTooLongError(error.url, error.maxUrlLength, names.maxUrlLength);
  return error;
}
