import type { Fen } from './money.js';

export interface Product {
  readonly id: number;
  readonly name: string;
  readonly price: Fen;
  readonly stock: number;
  readonly mainImgUrl: string;
}
