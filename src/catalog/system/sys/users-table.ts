/**
 * sys.users, sys.roles and sys.privileges (system-tables.md §4.13). cratelite has a single user so
 * far, the superuser `crate` (no password, no roles, no per-user session defaults); roles and
 * privileges are empty until users and roles are implemented (sql.md §9).
 */
import { C, defineSystemTable, dynamicObj, emptySystemTable, obj, objArray } from '../define-table.js';

const GRANTED_ROLES = objArray({ role: C.text, grantor: C.text });

export const usersTable = defineSystemTable({
  schema: 'sys',
  name: 'users',
  columns: {
    name: C.text,
    superuser: C.bool,
    password: C.text,
    jwt: obj({ iss: C.text, username: C.text, aud: C.text }),
    granted_roles: GRANTED_ROLES,
    session_settings: dynamicObj(),
  },
  primaryKey: ['name'],
  rows: () => [{ name: 'crate', superuser: true, password: null, jwt: null, granted_roles: [], session_settings: {} }],
});

export const rolesTable = emptySystemTable('sys', 'roles', { name: C.text, granted_roles: GRANTED_ROLES }, ['name']);

export const privilegesTable = emptySystemTable('sys', 'privileges', {
  grantee: C.text,
  grantor: C.text,
  state: C.text,
  type: C.text,
  class: C.text,
  ident: C.text,
}, ['grantee', 'state', 'type', 'class', 'ident']);
