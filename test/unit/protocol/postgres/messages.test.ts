/**
 * Backend message bytes, frontend message decoding, command tags and the start-up `options`
 * parser (pgwire.md §2.3, §3, §7, §13).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BackendWriter } from '../../../../src/protocol/postgres/messages/backend-messages.js';
import { commandTag } from '../../../../src/protocol/postgres/command-tag.js';
import { parseOptions } from '../../../../src/protocol/postgres/startup.js';
import {
  decodeBind, decodeFirstPacket, decodeParse, formatAt, ProtocolViolation,
} from '../../../../src/protocol/postgres/frontend-messages.js';
import { errorFieldsOf } from '../../../../src/protocol/postgres/error-response.js';
import {
  ColumnUnknownException, DuplicateKeyException, JobKilledException, ParsingException, RelationUnknown,
  UnsupportedFunctionException, SQLParseException, ArithmeticException,
} from '../../../../src/errors/errors.js';
import { fe } from '../../../helpers/pg-wire.js';

const hexOf = (build: (w: BackendWriter) => void): string => {
  const w = new BackendWriter();
  build(w);
  return w.take().toString('hex');
};

test('backend message bytes', () => {
  assert.equal(hexOf((w) => w.authenticationOk()), '520000000800000000');
  assert.equal(hexOf((w) => w.readyForQuery('I')), '5a0000000549');
  assert.equal(hexOf((w) => w.parameterStatus('a', 'b')), '53000000086100' + '6200');
  assert.equal(hexOf((w) => w.backendKeyData(7, -1)), '4b0000000c00000007ffffffff');
  assert.equal(hexOf((w) => w.commandComplete('SELECT 1')), '430000000d' + Buffer.from('SELECT 1\0').toString('hex'));
  assert.equal(hexOf((w) => w.dataRow(['1', null, Buffer.from([0xff])])), '4400000014' + '0003' + '0000000131' + 'ffffffff' + '00000001ff');
  assert.equal(hexOf((w) => w.rowDescription([{ name: 'x', tableOid: 0, attnum: 0, typeOid: 23, typlen: 4, typmod: -1, format: 0 }])),
    '540000001a' + '0001' + '7800' + '00000000' + '0000' + '00000017' + '0004' + 'ffffffff' + '0000');
  assert.equal(hexOf((w) => w.parameterDescription([23, 705])), '740000000e' + '0002' + '00000017' + '000002c1');
  assert.equal(hexOf((w) => w.emptyQueryResponse().parseComplete().bindComplete().closeComplete().noData().portalSuspended()),
    '4900000004' + '3100000004' + '3200000004' + '3300000004' + '6e00000004' + '7300000004');
  assert.equal(hexOf((w) => w.sslRefused()), '4e');
  assert.equal(hexOf((w) => w.negotiateProtocolVersion(0, ['_pq_.x'])), '7600000013' + '00030000' + '00000001' + Buffer.from('_pq_.x\0').toString('hex'));
});

test('ErrorResponse: S, M, C in this order, R only for auth failures', () => {
  const w = new BackendWriter();
  w.errorResponse({ severity: 'ERROR', message: 'boom', sqlState: 'XX000' });
  assert.equal(w.take().subarray(5).toString('latin1'), 'SERROR\0Mboom\0CXX000\0\0');
  w.errorResponse({ severity: 'FATAL', message: 'no', sqlState: '28000', routine: 'ClientAuthentication' });
  assert.equal(w.take().subarray(5).toString('latin1'), 'SFATAL\0Mno\0C28000\0RClientAuthentication\0\0');
});

test('SQLSTATE by CrateDB exception (pgwire.md §13): most errors are XX000', () => {
  assert.equal(errorFieldsOf(new ParsingException('x')).sqlState, '42601');
  assert.equal(errorFieldsOf(new RelationUnknown("Relation 'x' unknown")).sqlState, '42P01');
  assert.equal(errorFieldsOf(new ColumnUnknownException('Column a unknown')).sqlState, '42703');
  assert.equal(errorFieldsOf(new DuplicateKeyException('dup')).sqlState, '23505');
  assert.equal(errorFieldsOf(new UnsupportedFunctionException('Unknown function: foo()')).sqlState, '0A000');
  assert.equal(errorFieldsOf(new JobKilledException('Job killed. x')).sqlState, 'XX000');
  assert.equal(errorFieldsOf(new Error('plain')).sqlState, 'XX000');
  assert.equal(errorFieldsOf(new RelationUnknown("Relation 'x' unknown")).message, "Relation 'x' unknown");
  assert.equal(errorFieldsOf(new SQLParseException('Cannot cast value')).sqlState, 'XX000');
  assert.equal(errorFieldsOf(new ArithmeticException('/ by zero')).sqlState, 'XX000');
});

test('command tags come from the raw text (pgwire.md §7)', () => {
  assert.equal(commandTag('select * from t', 3), 'SELECT 3');
  assert.equal(commandTag('  insert into t values (1),(2)', 2), 'INSERT 0 2');
  assert.equal(commandTag('update t set x = 1', 5), 'UPDATE 5');
  assert.equal(commandTag('create table t (x int)', 1), 'CREATE 1');
  assert.equal(commandTag('begin', 0), 'BEGIN');
  assert.equal(commandTag('start transaction', 0), 'START 0');
  assert.equal(commandTag('select\n1', 1), 'SELECT\n1 1');
  assert.equal(commandTag('/* c */ select 1', 1), '/* 1');
  assert.equal(commandTag('alter blob table b', -1), 'ALTER -2');
  assert.equal(commandTag('insert into t values (1)', -2), 'INSERT 0 -3');
});

test('options startup parameter', () => {
  assert.deepEqual(parseOptions('-c search_path=foo -cstatement_timeout=5s'), [['search_path', 'foo'], ['statement_timeout', '5s']]);
  assert.deepEqual(parseOptions('-c application_name=a\\ b'), [['application_name', 'a b']]);
  assert.deepEqual(parseOptions('-c nothing -c a=b=c'), []);
  assert.deepEqual(parseOptions(''), []);
  assert.throws(() => parseOptions('--search_path=foo'), /Unrecognized option/);
});

test('frontend decoding: first packets, Parse, Bind, format codes', () => {
  assert.deepEqual(decodeFirstPacket(fe.sslRequest().subarray(4)), { kind: 'SSLRequest' });
  assert.deepEqual(decodeFirstPacket(fe.cancelRequest(7, -5).subarray(4)), { kind: 'CancelRequest', processId: 7, secretKey: -5 });
  const startup = decodeFirstPacket(fe.startup({ user: 'crate', database: '', application_name: 'x' }, 2).subarray(4));
  assert.equal(startup.kind, 'StartupMessage');
  if (startup.kind === 'StartupMessage') {
    assert.equal(startup.minor, 2);
    assert.deepEqual([...startup.parameters], [['user', 'crate'], ['application_name', 'x']]);
  }
  assert.deepEqual(decodeParse(fe.parse('s', 'select $1', [23]).subarray(5)), { statement: 's', query: 'select $1', paramOids: [23] });
  const bind = decodeBind(fe.bind('p', 's', ['1', null], [1], [0, 1]).subarray(5));
  assert.deepEqual(bind.values.map((v) => v?.toString() ?? null), ['1', null]);
  assert.deepEqual(bind.resultFormats, [0, 1]);
  assert.equal(formatAt([], 3), 0);
  assert.equal(formatAt([1], 3), 1);
  assert.equal(formatAt([0, 1], 1), 1);
  assert.throws(() => decodeBind(fe.bind('p', 's', ['1'], [2]).subarray(5)), ProtocolViolation);
  assert.throws(() => decodeParse(Buffer.from('s\0select')), ProtocolViolation);
  assert.throws(() => decodeBind(Buffer.from([0, 0, 0, 0, 0, 0x7f, 0xff])), ProtocolViolation);
});
