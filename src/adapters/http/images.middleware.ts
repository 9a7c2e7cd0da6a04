import { type Stats, createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { Context, Middleware, Next } from 'koa';
import { edgeError } from './http.error.js';

/** What is served, by extension: images only, whatever else the folder holds. */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
};

/**
 * One path segment as decoded: letters, marks, digits, space and `._@+()~-`, never starting with a
 * dot. That leaves out `.` and `..`, hidden files, separators (`/` after decoding, `\`), drive
 * letters (`:`), NUL and control characters, and `%` (what double encoding leaves behind).
 */
const SEGMENT = /^[\p{L}\p{M}\p{N} _@+()~-][\p{L}\p{M}\p{N} ._@+()~-]*$/u;
const MAX_PATH_LENGTH = 1024;

export interface ServeImagesOptions {
  /** The URL path the folder is served under. */
  readonly prefix?: string;
  readonly maxAgeSeconds?: number;
}

const noSuchImage = () => edgeError('ROUTE.NOT_FOUND', 'no such image');

/**
 * `GET` and `HEAD` of `<prefix>/<path>` from the files under `dir`: the content type of the
 * extension, ETag and Last-Modified with conditional 304s, Cache-Control. A path that names
 * nothing inside the folder — missing, not an image, traversal in any encoding, a symlink leading
 * out (the real path must lie inside the folder's real path) — is a 404 that serves nothing.
 */
export function serveImages(dir: string, { prefix = '/images', maxAgeSeconds = 86_400 }: ServeImagesOptions = {}): Middleware {
  const start = `${prefix}/`;
  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith(start) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const found = await locate(dir, ctx.path.slice(start.length));
    if (!found) throw noSuchImage();
    const { file, stats, type } = found;
    ctx.status = 200;
    ctx.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
    ctx.set('ETag', `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`);
    ctx.set('Last-Modified', stats.mtime.toUTCString());
    ctx.set('X-Content-Type-Options', 'nosniff');
    // An SVG opened on its own runs no script and loads nothing.
    if (type === 'image/svg+xml') ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = type;
    ctx.length = stats.size;
    if (ctx.method === 'GET') ctx.body = createReadStream(file);
  };
}

interface Found {
  readonly file: string;
  readonly stats: Stats;
  readonly type: string;
}

async function locate(dir: string, rawPath: string): Promise<Found | null> {
  if (rawPath.length > MAX_PATH_LENGTH) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const segments = decoded.split('/');
  if (!segments.every((segment) => SEGMENT.test(segment))) return null;
  const type = IMAGE_TYPES[extname(decoded).toLowerCase()];
  if (!type) return null;
  try {
    const root = await realpath(dir);
    const file = await realpath(join(root, ...segments));
    if (!file.startsWith(root + sep)) return null;
    const stats = await stat(file);
    return stats.isFile() ? { file, stats, type } : null;
  } catch {
    return null;
  }
}
