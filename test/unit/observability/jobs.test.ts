import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobsLog } from '../../../src/observability/jobs.js';

test('jobs log keeps the last logSize finished jobs, oldest first', () => {
  const log = new JobsLog(3);
  for (let i = 1; i <= 7; i++) log.finish(log.start(`SELECT ${i}`, 'crate', 1, () => {}));
  assert.deepEqual(log.log().map((j) => j.stmt), ['SELECT 5', 'SELECT 6', 'SELECT 7']);
  assert.deepEqual(log.jobs(), []);
});

test('jobs log below its size keeps everything in order; errors are recorded', () => {
  const log = new JobsLog(10);
  const a = log.start('SELECT a', 'crate', 1, () => {});
  const b = log.start('SELECT b', 'crate', 1, () => {});
  assert.equal(log.jobs().length, 2);
  log.finish(b, 'boom');
  log.finish(a);
  log.finish(a); // twice: ignored
  assert.deepEqual(log.log().map((j) => [j.stmt, j.error]), [['SELECT b', 'boom'], ['SELECT a', null]]);
});
