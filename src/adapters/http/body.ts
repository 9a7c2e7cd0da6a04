import type { Context, Middleware, Next } from 'koa';
import bodyParser from 'koa-bodyparser';
import { HttpError } from './http.error.js';

export const JSON_BODY_LIMIT = '256kb';
/** WeChat's notifications are a few hundred bytes. */
export const XML_BODY_LIMIT_BYTES = 64 * 1024;

const parseJson = bodyParser({ enableTypes: ['json'], jsonLimit: JSON_BODY_LIMIT, strict: true });

/** JSON bodies only, size-limited; another content type is a 415 that says what to send. */
export function jsonBody(): Middleware {
  return async (ctx: Context, next: Next) => {
    if (!ctx.is('application/json')) {
      throw new HttpError(415, 10000, 'Content-Type must be application/json');
    }
    // The parser decodes every body as UTF-8 whatever it declares: another charset would be stored garbled.
    const charset = ctx.request.charset.toLowerCase();
    if (charset !== '' && charset !== 'utf-8' && charset !== 'utf8') {
      throw new HttpError(415, 10000, `unsupported charset ${charset.slice(0, 40)}; send UTF-8 JSON`);
    }
    await parseJson(ctx, next);
  };
}

/** The raw body as text, refused past `limit` bytes without reading the rest. */
export async function readRawBody(ctx: Context, limit = XML_BODY_LIMIT_BYTES): Promise<string> {
  const declared = Number(ctx.get('content-length') || '0');
  if (declared > limit) throw new HttpError(413, 10000, `request body exceeds ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      ctx.req.destroy();
      throw new HttpError(413, 10000, `request body exceeds ${limit} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
