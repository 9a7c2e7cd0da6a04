/** What one job run did: how many items it claimed, their outcomes, and the items that failed. */
export interface BatchReport<Outcome extends string> {
  readonly claimed: number;
  /** Items another worker held the lease of. */
  readonly skipped: number;
  readonly outcomes: Partial<Record<Outcome | 'ERROR', number>>;
  readonly errors: { readonly id: string; readonly message: string }[];
}

/**
 * Works through a job's items one at a time, each only once its lease is claimed. One item's
 * trouble (WeChat down, say) is counted and reported, never stops the others; the lease it keeps
 * spaces out the next try.
 */
export async function runLeasedBatch<Id extends string | number, Outcome extends string>(
  ids: readonly Id[],
  claim: (id: Id) => Promise<boolean>,
  work: (id: Id) => Promise<Outcome>,
): Promise<BatchReport<Outcome>> {
  const outcomes: BatchReport<Outcome>['outcomes'] = {};
  const errors: BatchReport<Outcome>['errors'] = [];
  let claimed = 0;
  let skipped = 0;
  for (const id of ids) {
    if (!(await claim(id))) {
      skipped++;
      continue;
    }
    claimed++;
    let outcome: Outcome | 'ERROR';
    try {
      outcome = await work(id);
    } catch (error) {
      outcome = 'ERROR';
      errors.push({ id: String(id), message: error instanceof Error ? error.message : String(error) });
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return { claimed, skipped, outcomes, errors };
}
