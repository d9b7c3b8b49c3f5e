/** The CrateDB version whose behaviour cratelite emulates; the same string on HTTP `GET /`, PG `crate_version` and `version()`. */
export const CRATE_VERSION = '6.5.0';
export const CRATELITE_VERSION = '0.1.0';
