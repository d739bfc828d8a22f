/**
 * Start-up checks of the services a command needs: Redis and Postgres are tried once, within a
 * few seconds, and a failure becomes one message naming the variable to fix and what to do,
 * instead of a hang, a retry loop or a bare `connect ECONNREFUSED`.
 */
import { TransientError } from '@vellum/core/errors';

/** How long a start-up check waits for an answer. */
export const PREFLIGHT_TIMEOUT_MS = 5000;

/** A service the command needs is unreachable or refuses it; the message says what to do. */
export class DependencyError extends TransientError<'dependency-unavailable'> {
  constructor(message: string) {
    super('dependency-unavailable', message);
  }
}

/** Reaches Redis once, within the timeout, or throws a message naming REDIS_URL. */
export async function checkRedis(url: string, timeoutMs = PREFLIGHT_TIMEOUT_MS): Promise<void> {
  // Loaded here: the queue modules (BullMQ) are for the commands that use Redis.
  const { checkRedisConnection, redactRedisUrl } = await import('@vellum/queue');
  try {
    await checkRedisConnection(url, timeoutMs);
  } catch (error) {
    throw new DependencyError(
      `cannot reach Redis at REDIS_URL=${redactRedisUrl(url)} (${describe(error)}). ` +
        'Start Redis there, or set REDIS_URL to a running one (e.g. redis://127.0.0.1:6379).',
    );
  }
}

/** The message for a failure to open the Postgres database at `url`, naming DATABASE_URL. */
export function postgresError(url: string, error: unknown): DependencyError {
  const where = redactPostgresUrl(url);
  const code = (error as { code?: unknown }).code;
  const reason = describe(error);
  if (code === '3D000') {
    const u = safeUrl(url);
    const name = decodeURIComponent(u?.pathname.replace(/^\//, '') ?? '') || 'vellum';
    const args = [u?.hostname ? `-h ${u.hostname}` : '', u?.port ? `-p ${u.port}` : '', u?.username ? `-U ${decodeURIComponent(u.username)}` : ''].filter(Boolean).join(' ');
    return new DependencyError(
      `the database in DATABASE_URL=${where} does not exist (${reason}). ` +
        `Create it once with \`createdb ${args ? `${args} ` : ''}${name}\`, or point DATABASE_URL at an existing database.`,
    );
  }
  if (code === '28P01' || code === '28000') {
    return new DependencyError(`Postgres at DATABASE_URL=${where} refused the login (${reason}). Fix the user or password in DATABASE_URL.`);
  }
  return new DependencyError(
    `cannot use Postgres at DATABASE_URL=${where} (${reason}). ` +
      'Start Postgres there, or set DATABASE_URL to a running one (e.g. postgres://postgres@127.0.0.1:5432/vellum); ' +
      'unset it to use the embedded database.',
  );
}

/** A URL for messages: the password replaced by `***`. */
export function redactPostgresUrl(url: string): string {
  const u = safeUrl(url);
  if (!u) return '(invalid URL)';
  if (u.password) u.password = '***';
  return u.toString();
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The error's own words, or its code when it has none (AggregateError from dual-stack connects). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  const inner = (error as { errors?: unknown[] }).errors?.[0];
  if (inner instanceof Error && inner.message) return inner.message;
  return (error as { code?: string }).code ?? error.name;
}
