import { type Container, ContainerModule } from 'inversify';
import { type UseCases, useCaseClasses } from '../application/index.js';

/** Every use case of the table, one singleton each: the same over every set of adapters. */
export const useCaseModule = new ContainerModule(({ bind }) => {
  for (const useCase of Object.values(useCaseClasses)) bind<object>(useCase).toSelf().inSingletonScope();
});

/** The table of use cases, resolved from a container whose modules are loaded. */
export function resolveUseCases(container: Container): UseCases {
  const names = Object.keys(useCaseClasses) as (keyof UseCases)[];
  return Object.fromEntries(names.map((name) => [name, container.get<object>(useCaseClasses[name])])) as UseCases;
}
