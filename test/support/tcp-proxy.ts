/**
 * A TCP proxy on 127.0.0.1 to a real server (Postgres, Redis) that a test can take down (every
 * connection cut, new ones refused) and bring back on the same port: an outage without
 * touching the shared server.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private onClientData: ((client: net.Socket, chunk: Buffer) => void) | undefined;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
      // After pipe's own listener: the chunk is on its way upstream when this sees it.
      client.on('data', (chunk: Buffer) => this.onClientData?.(client, chunk));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /**
   * Postgres only: waits for a client to write inside a transaction (a BEGIN, then an INSERT or
   * UPDATE on the same connection), lets that statement through, then cuts every connection
   * and refuses new ones (as down()): the server sees the transaction's connection vanish
   * mid-way. Resolves once cut, or rejects after `timeoutMs` without such a write.
   */
  cutInTransaction(timeoutMs = 60_000): Promise<void> {
    const inTransaction = new WeakSet<net.Socket>();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.onClientData = undefined;
        reject(new Error(`no write inside a transaction went through the proxy within ${timeoutMs} ms`));
      }, timeoutMs);
      this.onClientData = (client, chunk) => {
        const text = chunk.toString('latin1');
        if (/\bBEGIN\b/i.test(text)) inTransaction.add(client);
        if (/\b(COMMIT|ROLLBACK)\b/i.test(text)) inTransaction.delete(client);
        else if (inTransaction.has(client) && /\b(INSERT|UPDATE)\b/i.test(text)) {
          this.onClientData = undefined;
          clearTimeout(timer);
          setImmediate(() => void this.down().then(resolve, reject));
        }
      };
    });
  }

  /** Cuts every open connection and refuses new ones (ECONNREFUSED). */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
