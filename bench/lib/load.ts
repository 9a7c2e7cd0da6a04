/**
 * A closed-loop load generator: `concurrency` workers each run `task` back to back until the
 * duration or the total is reached. Throughput counts tasks that resolved; a rejected task is an
 * error and the worker carries on.
 */
export interface LoadOptions {
  readonly concurrency: number;
  /** Stop starting new tasks after this long. */
  readonly durationMs?: number;
  /** Stop after this many tasks were started, in all. */
  readonly total?: number;
}

export interface LoadResult {
  readonly completed: number;
  readonly errors: number;
  readonly elapsedMs: number;
  readonly perSecond: number;
  readonly firstError?: string;
}

export async function runLoad(options: LoadOptions, task: (worker: number, index: number) => Promise<unknown>): Promise<LoadResult> {
  const total = options.total ?? Number.POSITIVE_INFINITY;
  const deadline = options.durationMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.durationMs;
  let started = 0;
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;
  const begin = performance.now();
  const worker = async (id: number) => {
    while (started < total && Date.now() < deadline) {
      const index = started++;
      try {
        await task(id, index);
        completed++;
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, id) => worker(id)));
  const elapsedMs = performance.now() - begin;
  return { completed, errors, elapsedMs, perSecond: (completed * 1000) / elapsedMs, ...(firstError ? { firstError } : {}) };
}
