import type { Address } from './address.js';
import { AddressMissing, ProductNotFound } from './errors.js';
import { type Fen, multiplyFen, sumFen } from './money.js';
import type { OrderLine } from './order-line.js';
import type { Product } from './product.js';

/** One line's stock status, in the zerg field names clients and stored snapshots use. */
export interface LineStatus {
  readonly id: number;
  readonly haveStock: boolean;
  readonly counts: number;
  readonly price: Fen;
  readonly name: string;
  readonly totalPrice: Fen;
  readonly main_img_url: string;
}

export interface StockCheck {
  readonly pass: boolean;
  readonly orderPrice: Fen;
  readonly totalCount: number;
  readonly pStatusArray: LineStatus[];
}

/** What an order keeps of the world at the moment it is placed: prices never follow later edits. */
export interface Snapshot extends StockCheck {
  readonly snapName: string;
  readonly snapImg: string;
  readonly snapAddress: Address;
}

/**
 * Checks merged lines against the real products. Every unknown product is reported at once;
 * short lines are reported in the status, never thrown.
 */
export function checkStock(lines: readonly OrderLine[], products: readonly Product[]): StockCheck {
  const byId = new Map(products.map((product) => [product.id, product]));
  const missing = lines.filter((line) => !byId.has(line.productId)).map((line) => line.productId);
  if (missing.length > 0) throw new ProductNotFound(missing);

  const pStatusArray = lines.map((line): LineStatus => {
    const product = byId.get(line.productId) as Product;
    return {
      id: product.id,
      haveStock: product.stock >= line.count,
      counts: line.count,
      price: product.price,
      name: product.name,
      totalPrice: multiplyFen(product.price, line.count),
      main_img_url: product.mainImgUrl,
    };
  });
  return {
    pass: pStatusArray.every((status) => status.haveStock),
    orderPrice: sumFen(pStatusArray.map((status) => status.totalPrice)),
    totalCount: pStatusArray.reduce((total, status) => total + status.counts, 0),
    pStatusArray,
  };
}

/** The check with the named lines marked short: what a conditional write found that a read did not. */
export function withShortLines(check: StockCheck, shortProductIds: readonly number[]): StockCheck {
  const pStatusArray = check.pStatusArray.map((line) => (shortProductIds.includes(line.id) ? { ...line, haveStock: false } : line));
  return { ...check, pass: false, pStatusArray };
}

/** An order's name holds as many characters (code points) as a product's; `等` takes the last one. */
export const MAX_SNAP_NAME_LENGTH = 80;

export function takeSnapshot(check: StockCheck, address: Address | null): Snapshot {
  if (!address) throw new AddressMissing('placing');
  const [first, ...rest] = check.pStatusArray;
  if (!first) throw new ProductNotFound([]);
  return {
    ...check,
    snapName: rest.length > 0 ? `${[...first.name].slice(0, MAX_SNAP_NAME_LENGTH - 1).join('')}等` : first.name,
    snapImg: first.main_img_url,
    snapAddress: address,
  };
}
