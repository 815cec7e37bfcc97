import net from 'node:net';

/**
 * One direction of a linked connection. While held, bytes and the end of the stream wait (a frozen network: nothing
 * arrives, nothing is refused); released, they arrive in order.
 */
class Gate {
  private held: Buffer[] | undefined;
  private ended = false;

  constructor(private readonly to: net.Socket) {}

  write(chunk: Buffer): void {
    if (this.held) this.held.push(chunk);
    else this.to.write(chunk);
  }

  end(): void {
    if (this.held) this.ended = true;
    else this.to.end();
  }

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const chunk of held) this.to.write(chunk);
    if (this.ended) this.to.end();
  }
}

/**
 * A TCP hop in front of a server (the database, or the API for a client), so a test can cut it off the network the
 * same way whatever sits behind: refuse connections, swallow them (a black hole), or freeze a connection in the
 * middle of its conversation; then restore it.
 */
export class TcpLink {
  private readonly sockets = new Set<net.Socket>();
  private readonly gates = new Set<Gate>();
  private mode: 'up' | 'refuse' | 'blackhole' = 'up';
  private freezeAfter: string | undefined;
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
      this.join(client, upstream);
    });
  }

  /** Forwards both ways through gates, so that `freezeAfter` can hold one connection. */
  private join(client: net.Socket, upstream: net.Socket): void {
    const toServer = new Gate(upstream);
    const toClient = new Gate(client);
    this.gates.add(toServer).add(toClient);
    upstream.on('close', () => {
      this.gates.delete(toServer);
      this.gates.delete(toClient);
    });
    client.on('data', (chunk: Buffer) => {
      toServer.write(chunk);
      if (this.freezeAfter !== undefined && chunk.toString('latin1').includes(this.freezeAfter)) {
        this.freezeAfter = undefined;
        toServer.hold();
        toClient.hold();
      }
    });
    upstream.on('data', (chunk: Buffer) => toClient.write(chunk));
    client.on('end', () => toServer.end());
    upstream.on('end', () => toClient.end());
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

  /**
   * The next connection whose client sends `text` (e.g. `BEGIN`) freezes right after it: nothing more passes either
   * way, and neither side learns that the other closed, until `restore()`.
   */
  freezeAfterSent(text: string): void {
    this.freezeAfter = text;
  }

  /** New connections pass again; frozen ones deliver what they held. */
  restore(): void {
    this.mode = 'up';
    this.freezeAfter = undefined;
    for (const gate of this.gates) gate.release();
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
