import { crc32, deflateSync } from 'node:zlib';
import { GLYPHS, GLYPH_HEIGHT, GLYPH_WIDTH } from './font.js';

export type Rgb = readonly [number, number, number];

/** A picture of a few flat colours: each pixel is an index into `palette`, written as an indexed PNG. */
export class Tile {
  private readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly palette: readonly Rgb[],
  ) {
    this.pixels = new Uint8Array(width * height);
  }

  /** Diagonal bands of `colour`, `period` pixels apart, `thickness` wide. */
  stripes(colour: number, period: number, thickness: number, direction: 1 | -1 = 1): this {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const along = (((x + direction * y) % period) + period) % period;
        if (along < thickness) this.pixels[y * this.width + x] = colour;
      }
    }
    return this;
  }

  /** A rectangle with corners rounded by `radius`. */
  panel(x0: number, y0: number, width: number, height: number, radius: number, colour: number): this {
    for (let y = Math.max(0, y0); y < Math.min(this.height, y0 + height); y++) {
      for (let x = Math.max(0, x0); x < Math.min(this.width, x0 + width); x++) {
        const dx = Math.max(x0 + radius - x - 0.5, 0, x - (x0 + width - radius) + 0.5);
        const dy = Math.max(y0 + radius - y - 0.5, 0, y - (y0 + height - radius) + 0.5);
        if (dx * dx + dy * dy <= radius * radius) this.pixels[y * this.width + x] = colour;
      }
    }
    return this;
  }

  circle(cx: number, cy: number, radius: number, colour: number): this {
    return this.panel(cx - radius, cy - radius, 2 * radius, 2 * radius, radius, colour);
  }

  /** `text` (letters, digits, `# / - > .`) in blocks of `scale` pixels, centred on `cy`. */
  text(text: string, cy: number, scale: number, colour: number): this {
    const advance = (GLYPH_WIDTH + 1) * scale;
    const x0 = Math.round((this.width - (text.length * advance - scale)) / 2);
    const y0 = Math.round(cy - (GLYPH_HEIGHT * scale) / 2);
    [...text.toUpperCase()].forEach((char, index) => {
      const glyph = GLYPHS[char];
      if (!glyph) throw new Error(`no glyph for "${char}"`);
      glyph.forEach((row, gy) => {
        [...row].forEach((cell, gx) => {
          if (cell === '#') this.panel(x0 + index * advance + gx * scale, y0 + gy * scale, scale, scale, 0, colour);
        });
      });
    });
    return this;
  }

  /** The PNG file: 8-bit indexed colour, no metadata, so the same drawing always gives the same bytes. */
  png(): Buffer {
    const raw = Buffer.alloc((this.width + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      // Filter type 0 (none): the PNG specification's advice for indexed images.
      raw[y * (this.width + 1)] = 0;
      raw.set(this.pixels.subarray(y * this.width, (y + 1) * this.width), y * (this.width + 1) + 1);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (palette), deflate, adaptive filters, no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('PLTE', Buffer.from(this.palette.flat())),
      chunk('IDAT', deflateSync(raw, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Hue in degrees, saturation and lightness from 0 to 1. */
export function hsl(hue: number, saturation: number, lightness: number): Rgb {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}
