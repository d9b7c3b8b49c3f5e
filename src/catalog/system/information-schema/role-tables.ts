/**
 * information_schema role and privilege tables (system-tables.md §3.15):
 * administrable_role_authorizations, applicable_roles, enabled_roles, role_table_grants.
 *
 * cratelite has one user, the superuser `crate`, with no granted roles and no stored privileges
 * yet; so `enabled_roles` lists just the session user (CrateDB always lists the user itself) and
 * the other three are empty until users and roles exist (sql.md §9).
 */
import { C, defineSystemTable, emptySystemTable, type CrateSystemTable } from '../define-table.js';

const GRANT_COLUMNS = { grantee: C.text, role_name: C.text, is_grantable: C.bool };

export const roleTables: readonly CrateSystemTable[] = [
  emptySystemTable('information_schema', 'administrable_role_authorizations', GRANT_COLUMNS),
  emptySystemTable('information_schema', 'applicable_roles', GRANT_COLUMNS),
  defineSystemTable({
    schema: 'information_schema',
    name: 'enabled_roles',
    columns: { role_name: C.text },
    rows: (ctx) => [{ role_name: ctx.session.user }],
  }),
  emptySystemTable('information_schema', 'role_table_grants', {
    grantor: C.text,
    grantee: C.text,
    table_catalog: C.text,
    table_schema: C.text,
    table_name: C.text,
    privilege_type: C.text,
    is_grantable: C.bool,
    with_hierarchy: C.bool,
  }),
];
