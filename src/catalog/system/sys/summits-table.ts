/**
 * sys.summits (system-tables.md §4.17): CrateDB's tutorial data set of Alpine summits. The table
 * has CrateDB's columns; the ~1600 rows (CrateDB source: server/src/main/resources/config/names.txt)
 * are not shipped yet, so it is empty.
 */
import { C, emptySystemTable } from '../define-table.js';

export const summitsTable = emptySystemTable('sys', 'summits', {
  mountain: C.text,
  height: C.int,
  prominence: C.int,
  coordinates: C.geoPoint,
  range: C.text,
  classification: C.text,
  region: C.text,
  country: C.text,
  first_ascent: C.int,
}, ['mountain']);
