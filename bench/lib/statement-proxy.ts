import { type Server, type Socket, connect, createServer } from 'node:net';

const COM_QUERY = 0x03;
const COM_STMT_EXECUTE = 0x17;

/**
 * A loopback TCP proxy in front of MariaDB that counts the round trips its clients make: every
 * MySQL-protocol packet from a client that starts a command (sequence id 0) and is a query or a
 * prepared-statement execution (a multi-statement query, `begin; …; commit`, is one). Unlike the server-wide `Questions` counter, it sees only the
 * server pointed at it, so other clients of the same MariaDB cannot blur the count.
 */
export class StatementProxy {
  statements = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<StatementProxy> {
    let proxy: StatementProxy | null = null;
    const server = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      proxy!.track(client);
      proxy!.track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('data', commandCounter(() => proxy!.statements++));
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    proxy = new StatementProxy(server, typeof address === 'object' && address ? address.port : 0);
    return proxy;
  }

  /** `mysqlUrl` with its host and port replaced by this proxy's. */
  urlFor(mysqlUrl: string): string {
    const url = new URL(mysqlUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Splits a client's byte stream into packets (3-byte length, 1-byte sequence id) and reports commands. */
function commandCounter(onStatement: () => void): (chunk: Buffer) => void {
  let header = Buffer.alloc(0);
  let remaining = 0;
  let commandByteNext = false;
  return (chunk) => {
    let offset = 0;
    while (offset < chunk.length) {
      if (remaining > 0) {
        if (commandByteNext) {
          const command = chunk[offset];
          if (command === COM_QUERY || command === COM_STMT_EXECUTE) onStatement();
          commandByteNext = false;
        }
        const take = Math.min(remaining, chunk.length - offset);
        offset += take;
        remaining -= take;
        continue;
      }
      const need = 4 - header.length;
      header = Buffer.concat([header, chunk.subarray(offset, offset + need)]);
      offset += Math.min(need, chunk.length - offset);
      if (header.length < 4) break;
      remaining = header.readUIntLE(0, 3);
      commandByteNext = header[3] === 0 && remaining > 0;
      header = Buffer.alloc(0);
    }
  };
}
