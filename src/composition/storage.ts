import type { ContainerModuleLoadOptions } from 'inversify';
import { type StorageAdapters, storagePortTokens } from '../adapters/storage-adapters.js';

export type { StorageAdapters };

export function bindStorage(bind: ContainerModuleLoadOptions['bind'], adapters: StorageAdapters): void {
  for (const name of Object.keys(storagePortTokens) as (keyof StorageAdapters)[]) {
    bind(storagePortTokens[name]).toConstantValue(adapters[name]);
  }
}
