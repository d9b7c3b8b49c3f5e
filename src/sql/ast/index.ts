export type * from './expression.js';
export type * from './query.js';
export type * from './statement.js';
