/**
 * Table-level blocks that a single node still enforces (sql.md §6.5): closed tables and the
 * `blocks.*` settings. CrateDB reports them as OperationOnInaccessibleRelationException (4007).
 */
import { OperationOnInaccessibleRelationException } from '../errors/errors.js';
import { fqn, type TableMeta } from '../catalog/table-meta.js';

export type TableOperation = 'READ' | 'INSERT' | 'UPDATE' | 'DELETE';

export function checkTableAccess(t: TableMeta, op: TableOperation): void {
  const deny = (why: string) => new OperationOnInaccessibleRelationException(
    `The relation "${fqn(t)}" doesn't support or allow ${op} operations${why}`);
  if (t.closed) throw deny(', as it is currently closed.');
  const s = t.settings;
  const write = op !== 'READ';
  if (write && s['blocks.read_only'] === true) throw deny(', as it is read-only.');
  if (write && s['blocks.write'] === true) throw deny('.');
  if ((op === 'INSERT' || op === 'UPDATE') && s['blocks.read_only_allow_delete'] === true) throw deny(', as it is read-only.');
  if (op === 'READ' && s['blocks.read'] === true) throw deny('.');
}
