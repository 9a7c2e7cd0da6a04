import type { Context, Middleware, Next } from 'koa';
import bodyParser from 'koa-bodyparser';
import { edgeError } from './http.error.js';

export const JSON_BODY_LIMIT = '256kb';
/** WeChat's notifications (v2 XML, v3 JSON) are a few hundred bytes to a few KB. */
export const NOTIFICATION_BODY_LIMIT_BYTES = 64 * 1024;

const parseJson = bodyParser({ enableTypes: ['json'], jsonLimit: JSON_BODY_LIMIT, strict: true });

/** JSON bodies only, size-limited; another content type is a 415 that says what to send. */
export function jsonBody(): Middleware {
  return async (ctx: Context, next: Next) => {
    if (!ctx.is('application/json')) {
      throw edgeError('REQUEST.UNSUPPORTED_BODY', 'Content-Type must be application/json');
    }
    // The parser decodes every body as UTF-8 whatever it declares: another charset would be stored garbled.
    const charset = ctx.request.charset.toLowerCase();
    if (charset !== '' && charset !== 'utf-8' && charset !== 'utf8') {
      throw edgeError('REQUEST.UNSUPPORTED_BODY', `unsupported charset ${charset.slice(0, 40)}; send UTF-8 JSON`);
    }
    // Mini-programs send plain bodies; a compressed one that fails to inflate was a 500.
    const encoding = ctx.get('content-encoding').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      throw edgeError('REQUEST.UNSUPPORTED_BODY', `unsupported Content-Encoding ${encoding.slice(0, 40)}; send the JSON uncompressed`);
    }
    await parseJson(ctx, async () => {
      const field = loneSurrogateAt(ctx.request.body);
      if (field !== null) {
        // UTF-8 cannot hold it: the database would store U+FFFD instead of what was sent.
        throw edgeError('REQUEST.INVALID_PARAMETER', `${field} is not valid Unicode text (a lone surrogate); send well-formed UTF-8`);
      }
      await next();
    });
  };
}

const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first string (or key) holding a lone surrogate, or null; iterative, so any depth is safe. */
function loneSurrogateAt(body: unknown): string | null {
  const pending: [unknown, string][] = [[body, 'body']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return path;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) return path;
        pending.push([child, Array.isArray(value) ? `${path}[${key}]` : path === 'body' ? key : `${path}.${key}`]);
      }
    }
  }
  return null;
}

/**
 * The body's exact bytes (what a v3 signature covers, so nothing may decode them first), refused
 * past `limit` bytes without reading the rest.
 */
export async function readRawBody(ctx: Context, limit = NOTIFICATION_BODY_LIMIT_BYTES): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || '0');
  if (declared > limit) throw edgeError('REQUEST.TOO_LARGE', `request body exceeds ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      ctx.req.destroy();
      throw edgeError('REQUEST.TOO_LARGE', `request body exceeds ${limit} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
