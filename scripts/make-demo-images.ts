/**
 * `npx tsx scripts/make-demo-images.ts`: draws the demo shop's pictures into `assets/images` — a
 * striped tile per banner item, theme, category and product, lettered with what it stands for —
 * from the demo seed's own list, so every `from = 1` image the seed names exists. Deterministic;
 * PNGs it no longer makes are removed.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  demoBanner,
  demoCategories,
  demoDetailImages,
  demoImagePaths,
  demoProducts,
  demoThemes,
} from '../src/adapters/kysely/seed-data.js';
import { type Rgb, Tile, hsl } from './demo-images/tile.js';

const OUT = fileURLToPath(new URL('../assets/images/', import.meta.url));

/** Each category's hue and a word the bitmap font can write. */
const CATEGORY_LOOK: Record<number, { hue: number; word: string }> = {
  1: { hue: 28, word: 'FRUIT' },
  2: { hue: 110, word: 'VEG' },
  3: { hue: 32, word: 'NUTS' },
  4: { hue: 340, word: 'SNACKS' },
  5: { hue: 150, word: 'TEA' },
  6: { hue: 48, word: 'GRAIN' },
};
const THEME_LOOK: Record<number, { hue: number; word: string }> = {
  1: { hue: 200, word: 'FRUIT WORLD' },
  2: { hue: 265, word: 'NEW IN' },
  3: { hue: 15, word: 'DRIED GOODS' },
};
const BANNER_HUES = [0, 195, 45, 285];

/** Background, stripes, panel, ink. */
const paletteOf = (hue: number): Rgb[] => [hsl(hue, 0.55, 0.6), hsl(hue, 0.55, 0.68), hsl(hue, 0.45, 0.96), hsl(hue, 0.55, 0.26)];
const [STRIPE, PANEL, INK] = [1, 2, 3];
const two = (id: number) => String(id).padStart(2, '0');
const lookOf = (categoryId: number) => CATEGORY_LOOK[categoryId] ?? { hue: 0, word: 'SHOP' };

const files = new Map<string, Buffer>();
const draw = (path: string, tile: Tile) => files.set(path.replace(/^\//, ''), tile.png());

for (const category of demoCategories) {
  const { hue, word } = lookOf(category.id);
  const tile = new Tile(375, 190, paletteOf(hue)).stripes(STRIPE, 30, 10).panel(40, 35, 295, 120, 24, PANEL);
  draw(demoImagePaths.category(category.id), tile.text(word, 85, 7, INK).text(`CATEGORY ${category.id}`, 130, 2, INK));
}

demoProducts.forEach(([, , , categoryId], index) => {
  const id = index + 1;
  const { hue, word } = lookOf(categoryId);
  const shade = hue + ((id * 37) % 31) - 15;
  const main = new Tile(240, 240, paletteOf(shade)).stripes(STRIPE, 24, 8).circle(120, 120, 86, PANEL);
  draw(demoImagePaths.product(id), main.text(two(id), 108, 9, INK).text(word, 165, 3, INK));
  for (let order = 1; order <= demoDetailImages; order++) {
    const detail = new Tile(375, 375, paletteOf(shade + order * 12)).stripes(STRIPE, 36, 12, order % 2 ? -1 : 1).panel(45, 45, 285, 285, 30, PANEL);
    draw(demoImagePaths.detail(id, order), detail.text(`#${two(id)}`, 160, 10, INK).text(`${word} ${order}/${demoDetailImages}`, 250, 3, INK));
  }
});

for (const theme of demoThemes) {
  const { hue, word } = THEME_LOOK[theme.id] ?? { hue: 0, word: 'THEME' };
  const topic = new Tile(375, 190, paletteOf(hue)).stripes(STRIPE, 30, 10, -1).panel(30, 40, 315, 110, 20, PANEL);
  draw(demoImagePaths.themeTopic(theme.id), topic.text(`THEME ${theme.id}`, 80, 5, INK).text(word, 120, 3, INK));
  const head = new Tile(750, 300, paletteOf(hue)).stripes(STRIPE, 40, 14).panel(60, 50, 630, 200, 30, PANEL);
  draw(demoImagePaths.themeHead(theme.id), head.text(word, 125, 8, INK).text(`THEME ${theme.id}`, 195, 3, INK));
}

demoBanner.items.forEach((item, index) => {
  const banner = new Tile(750, 300, paletteOf(BANNER_HUES[index % BANNER_HUES.length]!)).stripes(STRIPE, 48, 16).panel(50, 40, 650, 220, 36, PANEL);
  const target = item.type === 1 ? `PRODUCT ${item.keyWord}` : `THEME ${item.keyWord}`;
  draw(item.url, banner.text(`BANNER ${index + 1}`, 120, 9, INK).text(`TAP > ${target}`, 200, 4, INK));
});

for (const stale of readdirSync(OUT).filter((name) => name.endsWith('.png') && !files.has(name))) rmSync(join(OUT, stale));
let total = 0;
for (const [name, bytes] of files) {
  writeFileSync(join(OUT, name), bytes);
  total += bytes.length;
}
console.log(`${files.size} images, ${(total / 1024).toFixed(1)} KiB in ${OUT}`);
