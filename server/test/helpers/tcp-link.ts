import net from 'node:net';

/**
 * A TCP hop in front of a server (the database, or the API for a client), so a test can cut it off the network the
 * same way whatever sits behind: refuse connections, or swallow them (a black hole), then restore it.
 */
export class TcpLink {
  private readonly sockets = new Set<net.Socket>();
  private mode: 'up' | 'refuse' | 'blackhole' = 'up';
  private readonly server: net.Server;

  constructor(private readonly target: URL) {
    this.server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (this.mode === 'refuse') return client.destroy();
      if (this.mode === 'blackhole') return;
      const upstream = net.connect(Number(target.port), target.hostname);
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
  }

  /** Starts listening; returns the target's URL with this link's address in its place. */
  async listen(): Promise<URL> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const linked = new URL(this.target);
    linked.hostname = '127.0.0.1';
    linked.port = String((this.server.address() as net.AddressInfo).port);
    return linked;
  }

  /** Open connections drop; new ones are refused or swallowed until `restore()`. */
  cut(mode: 'refuse' | 'blackhole' = 'refuse'): void {
    this.mode = mode;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.mode = 'up';
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
