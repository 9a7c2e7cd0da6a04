/* eslint-disable @typescript-eslint/no-explicit-any -- tests read answers loosely; each assertion states the shape it expects */
import { request } from 'node:http';

/** A tiny client for a server on loopback: JSON in, status and parsed body out. */
export interface Answer<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
  /** The body exactly as received, when sent with `target`. */
  bytes?: Buffer;
}

/** Sees every answer the client gets: the API-conformance check records them. */
export type AnswerObserver = (method: string, path: string, answer: Answer) => void;

export class HttpClient {
  private readonly observers: AnswerObserver[] = [];

  constructor(readonly baseUrl: string) {}

  /** Calls `observer` with every later answer. */
  observe(observer: AnswerObserver): void {
    this.observers.push(observer);
  }

  get<T = any>(path: string, token?: string): Promise<Answer<T>> {
    return this.request('GET', path, undefined, token);
  }

  post<T = any>(path: string, body: unknown, token?: string): Promise<Answer<T>> {
    return this.request('POST', path, body, token);
  }

  put<T = any>(path: string, body: unknown, token?: string): Promise<Answer<T>> {
    return this.request('PUT', path, body, token);
  }

  /** Sends a body as given (a string is not re-encoded), with any headers. */
  async raw<T = any>(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<Answer<T>> {
    const response = await fetch(this.baseUrl + path, { method, body, headers });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // XML and empty answers stay text.
    }
    const answer = { status: response.status, body: parsed as T, text, headers: response.headers };
    for (const observer of this.observers) observer(method, path, answer);
    return answer;
  }

  /**
   * Sends `target` as the request line's target byte for byte: fetch would resolve `..` and
   * `%2e%2e` before sending, which is exactly what a traversal test must not have done for it.
   */
  target<T = any>(method: string, target: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
    return new Promise((resolve, reject) => {
      const call = request(this.baseUrl, { method, path: target, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Images and empty answers stay text; `bytes` has them exactly.
          }
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          resolve({ status: response.statusCode ?? 0, body: parsed as T, text, headers: answerHeaders, bytes });
        });
      });
      call.on('error', reject);
      call.end();
    });
  }

  /** A JSON request (no body when `body` is undefined), with the `token` header when given. */
  request<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.token = token;
    return this.raw<T>(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
  }
}
