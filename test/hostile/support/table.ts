import { expect } from 'chai';
import type { ShopAnswer } from '../../support/shopper.js';
import { type Changes, type Snapshot, diff } from './snapshot.js';

/** An expected change: an exact summary line (`order +1`) or a pattern for one. */
export type ExpectedChange = string | RegExp;

/** Counts a table's cases and, for the ones refused, how many changed anything (must be 0). */
export class Tally {
  private cases = 0;
  private refused = 0;
  private refusedChanged = 0;
  private accepted = 0;

  constructor(
    private readonly table: string,
    private readonly label: string,
  ) {}

  record(refused: boolean, changes: Changes): void {
    this.cases++;
    if (refused) {
      this.refused++;
      if (changes.summary.length > 0) this.refusedChanged++;
    } else this.accepted++;
  }

  print(): void {
    console.log(
      `      [${this.label}] ${this.table}: ${this.cases} cases; ${this.refused} refused, ${this.refusedChanged} changed; ${this.accepted} accepted, each with exactly its expected change`,
    );
  }
}

/** Asserts that exactly the expected changes happened between two snapshots, and returns them. */
export function expectChanges(before: Snapshot, after: Snapshot, expected: readonly ExpectedChange[], context: string): Changes {
  const changes = diff(before, after);
  const unexpected = changes.summary.filter((line) => !expected.some((want) => matches(want, line)));
  const missing = expected.filter((want) => !changes.summary.some((line) => matches(want, line)));
  expect({ unexpected, missing }, `${context}: changes were ${JSON.stringify(changes.summary)}`).to.deep.equal({ unexpected: [], missing: [] });
  return changes;
}

function matches(want: ExpectedChange, line: string): boolean {
  return typeof want === 'string' ? want === line : want.test(line);
}

/** The zerg error body: status, error_code and a message naming what is wrong. */
export function expectError(answer: ShopAnswer, status: number, errorCode: number | undefined, message: RegExp | undefined, context: string): void {
  expect(answer.status, `${context}: ${answer.text.slice(0, 300)}`).to.equal(status);
  if (errorCode !== undefined) {
    expect(answer.body, `${context}: ${answer.text.slice(0, 300)}`).to.include({ error_code: errorCode });
    expect(answer.body.request_url, context).to.be.a('string');
  }
  if (message) expect(String(answer.body?.msg ?? answer.text), context).to.match(message);
}
