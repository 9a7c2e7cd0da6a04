/* eslint-disable @typescript-eslint/no-explicit-any -- the document is read as plain JSON */
import { Ajv2020 } from 'ajv/dist/2020.js';

/** One answer as a client saw it. */
export interface Exchange {
  readonly method: string;
  /** The path and query asked for. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  /** Parsed JSON, or the text. */
  readonly body: unknown;
}

const pointer = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks real answers against an OpenAPI document: the operation the request names (a literal
 * path before one with parameters), a response documented for its status (or its `4XX`/`5XX`
 * range), and the body against that response's schema — error bodies included, so an error_code
 * the route does not list fails.
 */
export class OpenApiConformance {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: { method: string; path: string; pattern: RegExp; params: number }[] = [];

  constructor(private readonly document: any) {
    this.ajv.addSchema(document, 'openapi.json');
    for (const [path, item] of Object.entries<any>(document.paths)) {
      const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const method of Object.keys(item)) {
        this.operations.push({ method, path, pattern, params: (path.match(/\{/g) ?? []).length });
      }
    }
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** What is wrong with this answer, or null when the document describes it. */
  problem(exchange: Exchange): string | null {
    const path = exchange.path.split('?')[0] ?? '';
    const method = exchange.method.toLowerCase() === 'head' ? 'get' : exchange.method.toLowerCase();
    const operation = this.operations.find((each) => each.method === method && each.pattern.test(path));
    const name = `${exchange.method} ${exchange.path} → ${exchange.status}`;
    if (!operation) return `${name}: no documented operation`;
    const responses = this.document.paths[operation.path][method].responses;
    const status = [String(exchange.status), `${String(exchange.status)[0]}XX`, 'default'].find((key) => responses[key]);
    if (!status) return `${name}: status not documented for ${method.toUpperCase()} ${operation.path}`;
    if (!responses[status].content) return exchange.body === '' ? null : `${name}: a body where the document says there is none`;
    const type = Object.keys(responses[status].content).find((each) => exchange.contentType.startsWith(each));
    if (!type) return `${name}: content type ${exchange.contentType} not documented`;
    const ref = ['paths', operation.path, method, 'responses', status, 'content', type, 'schema'].map(pointer).join('/');
    const validate = this.ajv.getSchema(`openapi.json#/${ref}`);
    if (!validate) return `${name}: no schema at ${ref}`;
    if (validate(exchange.body)) return null;
    return `${name}: ${this.ajv.errorsText(validate.errors)} in ${JSON.stringify(exchange.body).slice(0, 300)}`;
  }

  /** Every problem among the answers, and how many operations they covered. */
  check(exchanges: readonly Exchange[]): string[] {
    return exchanges.map((exchange) => this.problem(exchange)).filter((problem): problem is string => problem !== null);
  }
}
