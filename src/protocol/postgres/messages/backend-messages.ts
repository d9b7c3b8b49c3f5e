/**
 * The one builder for every backend (server → client) message cratelite sends, named after the
 * protocol's message names (pgwire.md §3.2). Messages are appended to an internal MessageWriter;
 * the connection sends `take()` as one write.
 *
 *   R AuthenticationOk        S ParameterStatus     K BackendKeyData     Z ReadyForQuery
 *   T RowDescription          D DataRow             C CommandComplete    I EmptyQueryResponse
 *   1 ParseComplete           2 BindComplete        3 CloseComplete      n NoData
 *   s PortalSuspended         t ParameterDescription                     E ErrorResponse
 *   v NegotiateProtocolVersion
 *   G CopyInResponse          H CopyOutResponse     d CopyData           c CopyDone
 *   N NoticeResponse
 *
 * The COPY messages and NoticeResponse are cratelite's (CrateDB has no COPY sub-protocol;
 * copy-protocol.ts). Never sent: NotificationResponse, FunctionCallResponse, SASL.
 */
import { MessageWriter } from './message-writer.js';

/** One RowDescription field (pgwire.md §5.8). */
export interface FieldDescription {
  readonly name: string;
  readonly tableOid: number;
  readonly attnum: number;
  readonly typeOid: number;
  readonly typlen: number;
  readonly typmod: number;
  /** 0 text, 1 binary */
  readonly format: number;
}

/** ErrorResponse fields in CrateDB's order: S, M, C (pgwire.md §13); R only for auth failures. */
export interface ErrorFields {
  readonly severity: 'ERROR' | 'FATAL';
  readonly message: string;
  readonly sqlState: string;
  readonly routine?: string;
}

/** A DataRow cell: text (UTF-8 encoded on write), bytes, or null for SQL NULL. */
export type Cell = string | Uint8Array | null;

export type TransactionStatus = 'I' | 'T' | 'E';

const code = (c: string): number => c.charCodeAt(0);

export class BackendWriter {
  private readonly w = new MessageWriter();
  private lastTag: string | undefined;
  private lastTagMessage = Buffer.alloc(0);

  /** Bytes waiting to be sent. */
  get pending(): number { return this.w.length; }

  take(): Buffer { return this.w.take(); }

  /** The single-byte answer to SSLRequest / GSSENCRequest: 'N' = not supported, go on in plaintext. */
  sslRefused(): this { this.w.byte(code('N')); return this; }

  authenticationOk(): this { this.w.begin(code('R')).int32(0).end(); return this; }

  parameterStatus(name: string, value: string): this {
    this.w.begin(code('S')).cstring(name).cstring(value).end();
    return this;
  }

  backendKeyData(processId: number, secretKey: number): this {
    this.w.begin(code('K')).int32(processId).int32(secretKey).end();
    return this;
  }

  /** `'v'`: the newest minor version we support (0) and the startup options we did not recognise. */
  negotiateProtocolVersion(newestMinor: number, unrecognised: readonly string[]): this {
    this.w.begin(code('v')).int32((3 << 16) | newestMinor).int32(unrecognised.length);
    for (const o of unrecognised) this.w.cstring(o);
    this.w.end();
    return this;
  }

  readyForQuery(status: TransactionStatus): this {
    this.w.begin(code('Z')).byte(code(status)).end();
    return this;
  }

  rowDescription(fields: readonly FieldDescription[]): this {
    this.w.begin(code('T')).int16(fields.length);
    for (const f of fields) {
      this.w.cstring(f.name).int32(f.tableOid).int16(f.attnum).int32(f.typeOid).int16(f.typlen)
        .int32(f.typmod).int16(f.format);
    }
    this.w.end();
    return this;
  }

  dataRow(cells: readonly Cell[]): this {
    this.w.begin(code('D')).int16(cells.length);
    for (const c of cells) {
      if (c === null) this.w.int32(-1);
      else if (typeof c === 'string') this.w.lengthPrefixedText(c);
      else this.w.lengthPrefixedBytes(c);
    }
    this.w.end();
    return this;
  }

  commandComplete(tag: string): this {
    // a batch answers thousands of equal tags (`INSERT 0 1`): encode each new tag once
    if (tag !== this.lastTag) {
      this.lastTag = tag;
      const text = Buffer.from(tag, 'utf8');
      const m = Buffer.allocUnsafe(text.length + 6);
      m[0] = code('C');
      m.writeInt32BE(text.length + 5, 1);
      text.copy(m, 5);
      m[text.length + 5] = 0;
      this.lastTagMessage = m;
    }
    this.w.bytes(this.lastTagMessage);
    return this;
  }

  emptyQueryResponse(): this { this.w.emptyMessage(code('I')); return this; }

  parseComplete(): this { this.w.emptyMessage(code('1')); return this; }

  bindComplete(): this { this.w.emptyMessage(code('2')); return this; }

  closeComplete(): this { this.w.emptyMessage(code('3')); return this; }

  noData(): this { this.w.emptyMessage(code('n')); return this; }

  portalSuspended(): this { this.w.emptyMessage(code('s')); return this; }

  parameterDescription(oids: readonly number[]): this {
    this.w.begin(code('t')).int16(oids.length);
    for (const oid of oids) this.w.int32(oid);
    this.w.end();
    return this;
  }

  /** `G`/`H`: overall format 0 (text) and every column text */
  copyInResponse(columns: number, binary = false): this { return this.copyResponse(code('G'), columns, binary); }

  copyOutResponse(columns: number, binary = false): this { return this.copyResponse(code('H'), columns, binary); }

  /** overall format, then every column's: 0 text, 1 binary */
  private copyResponse(type: number, columns: number, binary: boolean): this {
    const f = binary ? 1 : 0;
    this.w.begin(type).byte(f).int16(columns);
    for (let i = 0; i < columns; i++) this.w.int16(f);
    this.w.end();
    return this;
  }

  copyData(data: string | Uint8Array): this {
    this.w.begin(code('d'));
    if (typeof data === 'string') this.w.text(data);
    else this.w.bytes(data);
    this.w.end();
    return this;
  }

  copyDone(): this { this.w.emptyMessage(code('c')); return this; }

  /** NoticeResponse with severity WARNING (SQLSTATE 01000) */
  noticeResponse(message: string): this {
    this.w.begin(code('N'))
      .byte(code('S')).cstring('WARNING')
      .byte(code('V')).cstring('WARNING')
      .byte(code('C')).cstring('01000')
      .byte(code('M')).cstring(message)
      .byte(0).end();
    return this;
  }

  errorResponse(e: ErrorFields): this {
    this.w.begin(code('E'))
      .byte(code('S')).cstring(e.severity)
      .byte(code('M')).cstring(e.message)
      .byte(code('C')).cstring(e.sqlState);
    if (e.routine !== undefined) this.w.byte(code('R')).cstring(e.routine);
    this.w.byte(0).end();
    return this;
  }
}
