import net from 'node:net';

/**
 * A stand-in PostgreSQL that only answers the login, for the failures the PostgreSQL of the tests cannot show: it
 * trusts every login, so it never refuses a password nor asks for one, and it always answers. Messages as in
 * PostgreSQL's "Frontend/Backend Protocol: Message Formats": ErrorResponse ('E'), AuthenticationSASL ('R', 10),
 * AuthenticationSASLContinue ('R', 11), and 'N' to an SSLRequest.
 */
export type LoginAnswer = { refuse: { code: string; message: string } } | 'ask for a password' | 'say nothing' | 'refuse SSL';

function message(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), length, body]);
}

function authentication(kind: number, data: string): Buffer {
  const head = Buffer.alloc(4);
  head.writeInt32BE(kind);
  return message('R', Buffer.concat([head, Buffer.from(data)]));
}

const errorResponse = (code: string, text: string) =>
  message('E', Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${text}\0\0`));

export async function postgresLogin(answer: LoginAnswer): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let messages = 0;
    socket.on('data', () => {
      messages += 1;
      if (answer === 'say nothing') return;
      if (answer === 'refuse SSL') {
        socket.write('N');
      } else if (typeof answer === 'object') {
        socket.end(errorResponse(answer.refuse.code, answer.refuse.message));
      } else if (messages === 1) {
        socket.write(authentication(10, 'SCRAM-SHA-256\0\0')); // answer to the startup message
      } else {
        socket.write(authentication(11, 'r=nonce,s=c2FsdA==,i=4096')); // the server-first message of SCRAM
      }
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })
  };
}
