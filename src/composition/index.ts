/** The composition root: the only code that knows every adapter. Entry points and tests start here. */
import 'reflect-metadata';
export { useCaseModule, resolveUseCases } from './use-case.module.js';
export { type StorageAdapters, bindStorage } from './storage.js';
export { memoryModule, memoryContainer, testPayConfig, testDeliveryConfig } from './memory.module.js';
export { type ProductionOverrides, productionModule } from './production.module.js';
export { type ProductionResources, openProductionResources, prepareDatabase } from './production.resources.js';
export { readinessChecks } from './readiness.js';
export { httpAppOptions, httpDeps, productionHttpDeps } from './http-deps.js';
export { lifecycleJobsOf } from './lifecycle.js';
export { type RunningShop, type StartOptions, startShop } from './start-shop.js';
export { type WeChatPay, type WeChatPayOptions, wechatPayOf } from './wechat-pay.js';
export { type GuideOptions, type Serving, reportFailure, serveUntilSignalled, shopGuide } from './command-line.js';
export { type ShopEntry, serveShop } from './cluster.js';
