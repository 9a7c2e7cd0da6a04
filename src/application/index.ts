export * from './ports/index.js';
export * from './place-order/place-order.use-case.js';
export * from './prepare-payment/prepare-payment.use-case.js';
export * from './handle-payment-notification/handle-payment-notification.use-case.js';
export * from './settle-unpaid-order/settle-unpaid-order.use-case.js';
export * from './settle-due-orders/settle-due-orders.use-case.js';
