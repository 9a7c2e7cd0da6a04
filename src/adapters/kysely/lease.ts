import { type ExpressionBuilder, type SqlBool, type StringReference, sql } from 'kysely';

/**
 * A lease (or lock, or pause) column free at `now`: never taken, or run out. Every job's claim
 * and due-list reads its lease this way, so two workers agree on when an item is free again.
 */
export function leaseFreeAt<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: StringReference<DB, TB>, now: Date) {
  // The comparison is raw SQL only because Kysely cannot type a value against a column chosen by a generic.
  return eb.or([eb(column, 'is', null), sql<SqlBool>`${sql.ref(column)} <= ${now.getTime()}`]);
}
