import type { JsonSchema } from '../routing/route.js';
import { arrayOf, count, id, image, imageUrl, nullable, object, text, yuan } from './answer-schemas.js';

export const product = object({
  id,
  name: text,
  price: yuan,
  stock: count,
  category_id: { type: 'integer' },
  main_img_url: imageUrl,
  summary: text,
  img_id: nullable({ type: 'integer' }),
});

export const productDetail = object({
  ...(product.properties as Record<string, JsonSchema>),
  imgs: arrayOf(object({ img_url: image, order: { type: 'integer' } })),
  properties: arrayOf(object({ name: text, detail: text })),
});

export const banner = object({
  id,
  name: text,
  description: text,
  items: arrayOf(object({ id, key_word: { type: 'string', description: 'a product id when type is 1' }, type: { type: 'integer' }, img: image })),
});

const themeProperties = { id, name: text, description: text, topic_img: image, head_img: image };
export const theme = object(themeProperties);
export const themeWithProducts = object({ ...themeProperties, products: arrayOf(product) });

export const category = object({ id, name: text, description: text, img: image });
