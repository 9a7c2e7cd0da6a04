import { createReadStream, readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Context } from 'koa';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** URL name (`app.js`, `views/orders.js`) → file on disk. */
export type FileTable = ReadonlyMap<string, string>;

/**
 * The files of a folder that may be served, read once at start-up: known types only, no hidden
 * files, `depth` folders deep. Requests name entries of this table, never paths on disk, so no
 * spelling of a path can reach anything else.
 */
export function fileTable(dir: string, { depth = 2, only }: { depth?: number; only?: readonly string[] } = {}): FileTable {
  const table = new Map<string, string>();
  const walk = (folder: string, prefix: string, left: number) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const name = prefix + entry.name;
      if (entry.isDirectory() && left > 0) walk(join(folder, entry.name), `${name}/`, left - 1);
      else if (entry.isFile() && TYPES[extname(entry.name)] && (!only || only.includes(name))) table.set(name, join(folder, entry.name));
    }
  };
  walk(dir, '', depth - 1);
  return table;
}

/** Answers GET/HEAD of one table entry with its type, a validator (ETag) and `Cache-Control: no-cache`. */
export async function sendFile(ctx: Context, file: string): Promise<void> {
  const stats = await stat(file);
  ctx.status = 200;
  ctx.set('Cache-Control', 'no-cache');
  ctx.set('ETag', `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`);
  ctx.set('Last-Modified', stats.mtime.toUTCString());
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
  ctx.length = stats.size;
  if (ctx.method === 'GET') ctx.body = createReadStream(file);
}
