/* eslint-disable @typescript-eslint/no-explicit-any -- tests read answers loosely; each assertion states the shape it expects */
/** A tiny client for a server on loopback: JSON in, status and parsed body out. */
export interface Answer<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export class HttpClient {
  constructor(readonly baseUrl: string) {}

  get<T = any>(path: string, token?: string): Promise<Answer<T>> {
    return this.send('GET', path, undefined, token);
  }

  post<T = any>(path: string, body: unknown, token?: string): Promise<Answer<T>> {
    return this.send('POST', path, body, token);
  }

  put<T = any>(path: string, body: unknown, token?: string): Promise<Answer<T>> {
    return this.send('PUT', path, body, token);
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
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }

  private send<T>(method: string, path: string, body: unknown, token?: string): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.token = token;
    return this.raw<T>(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
  }
}
