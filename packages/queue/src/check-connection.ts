/**
 * One attempt to reach Redis, bounded in time and without reconnecting: for start-up checks
 * that should fail fast with a clear message, where the queues' own connections would wait.
 */
import { Redis } from 'ioredis';
import { redisConnectionOptions } from './connection.ts';

/** Connects once and pings; throws the connection's error (or a timeout) when Redis does not answer. */
export async function checkRedisConnection(url: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis({
    ...redisConnectionOptions(url, { connectTimeoutMs: timeoutMs }),
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => (lastError = error));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    // ioredis reports "Connection is closed." once its retries are off; the socket's error says why.
    throw lastError ?? error;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
