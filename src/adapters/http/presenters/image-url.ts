import type { ImageRef } from '../../../application/index.js';

/** Turns stored image references into the absolute URLs a mini-program's `<image src>` needs. */
export interface ImageUrls {
  /** A catalogue image: `from = 1` is a file of this shop, under the base; `from = 2` goes out as stored. */
  of(image: ImageRef): string;
  /**
   * An order snapshot's picture, kept as the order was placed with it, without its `from`: an
   * http(s) URL (a remote image, or one zerg stored already prefixed) goes out as stored, anything
   * else is a file of this shop.
   */
  ofSnapshot(stored: string): string;
}

const ABSOLUTE = /^https?:\/\//i;

/** `baseUrl`: where this shop's image files are reached, e.g. `https://cdn.example.com/images`. */
export function imageUrls(baseUrl: string): ImageUrls {
  const base = baseUrl.replace(/\/+$/, '');
  // new URL percent-encodes what a URL may not carry raw (spaces, Chinese file names).
  const shopFile = (path: string) => (path === '' ? '' : new URL(`${base}/${path.replace(/^\/+/, '')}`).href);
  return {
    of: (image) => (image.from === 1 ? shopFile(image.url) : image.url),
    ofSnapshot: (stored) => (ABSOLUTE.test(stored) ? stored : shopFile(stored)),
  };
}
