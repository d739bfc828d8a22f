/**
 * The server ends a session in the middle of a transaction (what a restart's fast shutdown, an
 * operator's pg_terminate_backend or a crashed backend does): the transaction fails with the
 * server's error, and the process lives on. A client checked out for a transaction used to have
 * no 'error' listener, so the event ended the process. Uses a backend of the shared server
 * that the test ends itself; the whole-server restart is in test/queue-postgres-restart.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTransientDatabaseError, type Database } from '../src/index.ts';
import { disposeTestDatabase, openTestDatabase } from './helpers.ts';

describe('a session ended by the server during a transaction', () => {
  let db: Database;
  const uncaught: unknown[] = [];
  const record = (error: unknown): void => void uncaught.push(error);

  beforeAll(async () => {
    db = await openTestDatabase('postgres', 'vt_term');
    process.on('uncaughtException', record);
  });
  afterAll(async () => {
    process.removeListener('uncaughtException', record);
    await disposeTestDatabase(db);
  });

  it.each([
    ['while a statement runs', 'SELECT pg_terminate_backend(pg_backend_pid())'],
    ['between statements', null],
  ])('fails the transaction, not the process (%s)', async (_label, statement) => {
    const failure = await db
      .transaction(async (tx) => {
        await tx.query('SELECT 1');
        if (statement) {
          await tx.query(statement);
        } else {
          // Another session ends this one while the transaction waits on something else.
          const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await db.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
          await new Promise((r) => setTimeout(r, 200));
          await tx.query('SELECT 2');
        }
        return 'committed';
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    expect(isTransientDatabaseError(failure)).toBe(true);
    await new Promise((r) => setTimeout(r, 100)); // let late socket events arrive
    expect(uncaught).toEqual([]);
    // The pool is healthy afterwards: the broken client was dropped, not reused.
    for (let i = 0; i < 12; i++) expect((await db.query<{ n: number }>('SELECT 1 AS n')).rows[0]!.n).toBe(1);
    expect(await db.transaction(async (tx) => (await tx.query<{ n: number }>('SELECT 3 AS n')).rows[0]!.n)).toBe(3);
  });
});
