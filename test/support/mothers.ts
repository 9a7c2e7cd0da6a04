import type { Address, Product } from '../../src/domain/index.js';

/** Object mothers: valid data by default, overridden where a test cares. */
export function aProduct(overrides: Partial<Product> = {}): Product {
  const id = overrides.id ?? 1;
  return { id, name: `商品${id}`, price: 100 * id, stock: 100, mainImgUrl: `https://img.example/${id}.png`, ...overrides };
}

export function anAddress(overrides: Partial<Address> = {}): Address {
  return {
    name: '张三',
    mobile: '13800138000',
    province: '广东省',
    city: '广州市',
    country: '天河区',
    detail: '某路 1 号',
    ...overrides,
  };
}
