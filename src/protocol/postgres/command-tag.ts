/**
 * CommandComplete tags, built the way CrateDB builds them — from the raw statement text, not
 * from the statement kind (pgwire.md §7):
 *
 *   WORD = text.trim() up to the first ' ' (space only), upper-cased
 *   BEGIN → `BEGIN`;  INSERT → `INSERT 0 <n>`;  otherwise `WORD <n>`
 *
 * so `select\n1` gives `SELECT\n1 1` and `/* c *\/ select 1` gives `/* 1`: quirks clients ignore
 * (they only parse the trailing number). For simple queries the text is the whole query string,
 * so every statement of `select 1; insert …` is tagged `SELECT`. Negative counts are shifted for
 * JDBC: unknown (-1) → -2, failed bulk item (-2) → -3.
 */

export function commandWord(text: string): string {
  const trimmed = text.trim();
  const space = trimmed.indexOf(' ');
  return (space < 0 ? trimmed : trimmed.slice(0, space)).toLocaleUpperCase('en');
}

export function commandTag(text: string, rowCount: number): string {
  const word = commandWord(text);
  if (word === 'BEGIN') return 'BEGIN';
  const n = rowCount < 0 ? rowCount - 1 : rowCount;
  return word === 'INSERT' ? `INSERT 0 ${n}` : `${word} ${n}`;
}

/** Row count of a failed item of a bulk execution (JDBC EXECUTE_FAILED after the shift: -3). */
export const BULK_ITEM_FAILED = -2;
