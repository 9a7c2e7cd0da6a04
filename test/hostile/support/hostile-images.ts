import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_IMAGES_DIR } from '../../../src/config.js';

/** What the files outside the images folder carry: no answer may contain it. */
export const OUTSIDE_MARKER = 'OUTSIDE-THE-IMAGES-FOLDER';

export interface ImagesFolder {
  /** The folder to serve (IMAGES_DIR). */
  readonly dir: string;
  /** The bytes of `ok.png`, the one image inside. */
  readonly okPng: Buffer;
  remove(): void;
}

/**
 * An images folder beside files it must never serve:
 * - `<tmp>/secret.png` (a real PNG, marked) and `<tmp>/secret.txt`: outside;
 * - `images/ok.png`, and `images/inside-link.png` → `ok.png` (a symlink that stays inside): served;
 * - `images/escape.png` → `../secret.png` and `images/escape-dir` → `..`: symlinks leading out;
 * - `images/.hidden.png`, `images/notes.txt`, `images/folder.png/` (a folder named like an image).
 */
export function hostileImagesFolder(): ImagesFolder {
  const root = mkdtempSync(join(tmpdir(), 'weshop-hostile-images-'));
  const dir = join(root, 'images');
  mkdirSync(dir);
  mkdirSync(join(dir, 'folder.png'));
  const okPng = readFileSync(join(DEMO_IMAGES_DIR, 'product-01.png'));
  copyFileSync(join(DEMO_IMAGES_DIR, 'product-01.png'), join(dir, 'ok.png'));
  writeFileSync(join(root, 'secret.png'), Buffer.concat([okPng, Buffer.from(OUTSIDE_MARKER)]));
  writeFileSync(join(root, 'secret.txt'), OUTSIDE_MARKER);
  writeFileSync(join(dir, '.hidden.png'), Buffer.concat([okPng, Buffer.from(OUTSIDE_MARKER)]));
  writeFileSync(join(dir, 'notes.txt'), OUTSIDE_MARKER);
  symlinkSync('ok.png', join(dir, 'inside-link.png'));
  symlinkSync(join('..', 'secret.png'), join(dir, 'escape.png'));
  symlinkSync('..', join(dir, 'escape-dir'));
  return { dir, okPng, remove: () => rmSync(root, { recursive: true, force: true }) };
}
