import { Agent, request } from 'node:http';

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** A keep-alive HTTP/1.1 client on loopback: one agent, at most `sockets` connections. */
export class HttpClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, sockets: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, noDelay: true });
  }

  send(method: string, path: string, options: { json?: unknown; raw?: string; token?: string; type?: string } = {}): Promise<Answer> {
    const payload = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
    const headers: Record<string, string | number> = {};
    if (payload !== undefined) {
      headers['content-type'] = options.type ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (options.token) headers.token = options.token;
    return new Promise((resolve, reject) => {
      const req = request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          if ((res.headers['content-type'] ?? '').includes('json') && text !== '') {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, body, text });
        });
      });
      req.on('error', reject);
      // A request that never answers fails the task instead of stalling the run.
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      // Headers and body in one write: split, Nagle and delayed ACKs can add tens of ms.
      req.end(payload);
    });
  }

  /** A JSON request, as the shopper sends it. */
  request(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    return this.send(method, path, { json: body, ...(token ? { token } : {}) });
  }

  close(): void {
    this.agent.destroy();
  }
}
