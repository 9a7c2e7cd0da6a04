export * from './address.js';
export * from './errors.js';
export * from './money.js';
export * from './order.js';
export * from './order-line.js';
export * from './order-status.js';
export * from './product.js';
export * from './snapshot.js';
