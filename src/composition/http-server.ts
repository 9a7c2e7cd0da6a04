import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';

/** Until the app is attached (migrations, Redis), a request is told to come back, not left hanging. */
function starting(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
  response.end(JSON.stringify({ msg: 'the shop is starting; try again in a moment', error_code: 90002, request_url: request.url ?? '' }));
}

/** A server that answers 503 until `attach` gives it the app. */
export interface StartingServer {
  readonly server: Server;
  attach(handler: (request: IncomingMessage, response: ServerResponse) => void): void;
}

export async function listenStarting(port: number, host: string): Promise<StartingServer> {
  const server = createServer(starting);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    attach(handler) {
      server.off('request', starting);
      server.on('request', handler);
    },
  };
}

/** Stops accepting, lets requests in flight finish for a few seconds, then drops what is left. */
export function closeServer(server: Server, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
