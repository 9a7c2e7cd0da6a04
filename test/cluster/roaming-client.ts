import type { Answer, HttpClient } from '../support/http-client.js';

/**
 * A client behind a load balancer: a request an instance answers 503 (or cannot answer at all) is
 * sent to the next instance, a few rounds at most. Every status seen is counted, per instance.
 */
export class RoamingClient {
  readonly seen: Record<string, number>[];

  constructor(private readonly clients: readonly HttpClient[]) {
    this.seen = clients.map(() => ({}));
  }

  async request(preferred: number, method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Answer> {
    let last: Answer | null = null;
    for (let attempt = 0; attempt < 30; attempt++) {
      const index = (preferred + attempt) % this.clients.length;
      const client = this.clients[index]!;
      try {
        last = await client.request(method, path, body, token);
      } catch {
        this.count(index, 'refused');
        continue;
      }
      this.count(index, String(last.status));
      if (last.status !== 503) return last;
      if (attempt % this.clients.length === this.clients.length - 1) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (!last) throw new Error(`${method} ${path}: no instance answered`);
    return last;
  }

  /** Statuses seen, all instances together. */
  totals(): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const counts of this.seen) for (const [status, n] of Object.entries(counts)) totals[status] = (totals[status] ?? 0) + n;
    return totals;
  }

  private count(index: number, status: string): void {
    const counts = this.seen[index]!;
    counts[status] = (counts[status] ?? 0) + 1;
  }
}
