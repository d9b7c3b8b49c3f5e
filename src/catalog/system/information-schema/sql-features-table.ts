/**
 * information_schema.sql_features (system-tables.md §3.12): a short static list of the SQL
 * standard features cratelite supports, with CrateDB's feature ids and names (CrateDB ships the
 * full PostgreSQL-derived list; cratelite keeps the supported top-level features, and F501 with
 * its sub-features as CrateDB reports them).
 */
import { C, defineSystemTable, type Row } from '../define-table.js';

/** `id|name|comment` */
const FEATURES = `
E011|Numeric data types|
E031|Identifiers|
E051|Basic query specification|
E091|Set functions|
E101|Basic data manipulation|
E111|Single row SELECT statement|
E131|Null value support (nulls in lieu of values)|
E161|SQL comments using leading double minus|
F041|Basic joined table|
F052|Intervals and datetime arithmetic|
F171|Multiple schemas per user|
F201|CAST function|
F221|Explicit defaults|
F261|CASE expression|
F262|Extended CASE expression|
F391|Long identifiers|
F471|Scalar subquery values|
F481|Expanded NULL predicate|
F571|Truth value tests|
F651|Catalog name qualifiers|
F762|CURRENT_CATALOG|
F763|CURRENT_SCHEMA|
F850|Top-level <order by clause> in <query expression>|
F851|<order by clause> in subqueries|
F857|Top-level <fetch first clause> in <query expression>|
F858|<fetch first clause> in subqueries|
S091|Basic array support|special syntax
S098|ARRAY_AGG|
T031|BOOLEAN data type|
T054|GREATEST and LEAST|
T055|String padding functions|
T071|BIGINT data type|
T121|WITH (excluding RECURSIVE) in query expression|
T122|WITH (excluding RECURSIVE) in subquery|
T151|DISTINCT predicate|
T152|DISTINCT predicate with negation|
T175|Generated columns|
T241|START TRANSACTION statement|Is ignored
T351|Bracketed SQL comments (/*...*/ comments)|
T441|ABS and MOD functions|
T461|Symmetric BETWEEN predicate|
T615|LEAD and LAG functions|
T617|FIRST_VALUE and LAST_VALUE function|
T631|IN predicate with one list element|
`;

/** Features listed with sub-features: `id|sub id|name|sub name|supported` (as CrateDB reports them). */
const WITH_SUB_FEATURES = `
F501||Features and conformance views||false
F501|1|Features and conformance views|SQL_FEATURES view|true
F501|2|Features and conformance views|SQL_SIZING view|false
F501|3|Features and conformance views|SQL_LANGUAGES view|false
`;

const ROWS: Row[] = FEATURES.trim().split('\n').map((line) => {
  const [id, name, comment] = line.split('|') as [string, string, string];
  return {
    feature_id: id,
    feature_name: name,
    sub_feature_id: '',
    sub_feature_name: '',
    is_supported: true,
    is_verified_by: null,
    comments: comment === '' ? null : comment,
  };
});
for (const line of WITH_SUB_FEATURES.trim().split('\n')) {
  const [id, sub, name, subName, supported] = line.split('|') as [string, string, string, string, string];
  ROWS.push({
    feature_id: id, feature_name: name, sub_feature_id: sub, sub_feature_name: subName,
    is_supported: supported === 'true', is_verified_by: null, comments: null,
  });
}

export const sqlFeaturesTable = defineSystemTable({
  schema: 'information_schema',
  name: 'sql_features',
  catalogOnly: true,
  columns: {
    feature_id: C.text,
    feature_name: C.text,
    sub_feature_id: C.text,
    sub_feature_name: C.text,
    is_supported: C.bool,
    is_verified_by: C.text,
    comments: C.text,
  },
  primaryKey: ['feature_id', 'feature_name', 'sub_feature_id', 'sub_feature_name', 'is_supported', 'is_verified_by'],
  rows: () => ROWS,
});
