/**
 * One PostgreSQL client connection: bytes in → frames → messages, handled strictly in order;
 * backend messages out through one BackendWriter with socket backpressure.
 *
 *   socket ──data──► FrameDecoder ──frames──► queue ──► handle() (one at a time, async)
 *
 *   start-up phase (startup.ts)
 *     SSLRequest / GSSENCRequest ──► 'N' ─┐
 *     CancelRequest ─────────────► cancel matching session, close
 *     StartupMessage ─► auth (trust) ─► R(Ok) S×8 K Z(I) ──► ready
 *
 *   ready
 *     Q ───────────────────────► simple-query.ts   T D* C … | E ──► Z(I)
 *     P B D E C H ─────────────► extended-query.ts 1 2 t T/n D* C/s 3 …
 *        └─ synchronous error ─► E, then skip everything until S
 *     S ───────────────────────► run deferred writes ──► Z(I | T | E)
 *     COPY … FROM STDIN ───────► copy-protocol.ts pulls the client's d… c|f (readFrame)
 *     d c f outside a COPY ────► ignored (left over from a failed COPY, as PostgreSQL)
 *     X ───────────────────────► close
 *     other ───────────────────► E "Unsupported messageType: <n>" (no Z, as CrateDB)
 *
 *   framing errors (bad length, too large) ─► FATAL E, close this connection only
 *
 * Output is buffered in the writer and sent when the input queue runs dry (unless the last
 * message was P/B/D/E/C: a pipeline waits for its Sync or Flush, as PostgreSQL's output does),
 * when 64 KB accumulated, when a result batch was encoded, or on Flush; a full socket pauses
 * the statement (PgConnection.flush). Bind, Describe, Close and deferred Executes are handled
 * synchronously, without a microtask turn per message.
 */
import type { Socket } from 'node:net';
import type { Database } from '../../session/database.js';
import type { Session } from '../../session/session.js';
import type { Statement } from '../../sql/ast/index.js';
import { errorFieldsOf, fatal } from './error-response.js';
import { ExtendedQuery } from './extended-query.js';
import { FrameDecoder, FrameError, MAX_STARTUP_LENGTH, STARTUP, type Frame, type RawFrame } from './frame-decoder.js';
import {
  decodeBind, decodeClose, decodeDescribe, decodeExecute, decodeFirstPacket, decodeParse, decodeQuery,
  isStartupMessage,
} from './frontend-messages.js';
import { BackendWriter, type ErrorFields } from './messages/backend-messages.js';
import type { QueryHost } from './query-host.js';
import { simpleQuery } from './simple-query.js';
import { handleFirstPacket } from './startup.js';
import { PgCopyChannel } from './copy-protocol.js';

/** Largest message after authentication (PostgreSQL's own limit is 1 GB). */
export const MAX_MESSAGE_LENGTH = 256 * 1024 * 1024;
/** Close connections that have not authenticated within this time (CrateDB: 30 s). */
export const AUTH_TIMEOUT_MS = 30_000;
/** Stop reading from the socket while this many received bytes wait to be handled. */
const INPUT_HIGH_WATER = 8 * 1024 * 1024;
/** Send buffered output once this much has accumulated while handling a pipeline. */
const OUTPUT_HIGH_WATER = 64 * 1024;

export interface ConnectionRegistry {
  readonly db: Database;
  register(conn: PgConnection): void;
  cancel(processId: number, secretKey: number): void;
  forget(conn: PgConnection): void;
}

const code = (c: string): number => c.charCodeAt(0);
const [B, E, Q, P, D, C, H, S, X] = ['B', 'E', 'Q', 'P', 'D', 'C', 'H', 'S', 'X'].map(code) as [number, number, number, number, number, number, number, number, number];
/** Extended-protocol messages after which the client still has to send Sync or Flush. */
const PIPELINE_MESSAGES: ReadonlySet<number> = new Set([P, B, D, E, C]);

class ConnectionClosed extends Error {}

export class PgConnection implements QueryHost {
  readonly writer = new BackendWriter();
  private readonly decoder = new FrameDecoder(MAX_STARTUP_LENGTH, 'Message too large for unauthenticated user');
  /** frames received, not yet handled: `queue[queueHead…]` */
  private readonly queue: (RawFrame | undefined)[] = [];
  private queueHead = 0;
  private queuedBytes = 0;
  private processing = false;
  /** the last message handled was Parse, Bind, Describe, Execute or Close (not Sync / Flush) */
  private midPipeline = false;
  private running: Promise<void> = Promise.resolve();
  private closed = false;
  private sessionValue: Session | undefined;
  private extended: ExtendedQuery | undefined;
  private authTimer: NodeJS.Timeout | undefined;
  private cancelRequested = false;
  /** wakes readFrame() when frames arrive or the connection closes */
  private frameWaiter: (() => void) | undefined;
  processId = 0;
  secretKey = 0;
  /** resolves when the connection is closed and its session released */
  readonly finished: Promise<void>;
  private finish!: () => void;

  constructor(private readonly socket: Socket, private readonly registry: ConnectionRegistry) {
    this.finished = new Promise((r) => { this.finish = r; });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
    this.authTimer = setTimeout(() => this.close(), AUTH_TIMEOUT_MS);
    this.authTimer.unref();
  }

  get session(): Session {
    if (!this.sessionValue) throw new ConnectionClosed('no session');
    return this.sessionValue;
  }

  /** Refuse the connection before reading anything (connection limit). */
  reject(error: ErrorFields): void {
    this.writer.errorResponse(error);
    this.socket.end(this.writer.take());
    this.close();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.decoder.push(chunk);
    try {
      for (let frame = this.decoder.next(); frame; frame = this.decoder.next()) {
        this.queue.push(frame);
        this.queuedBytes += frame.length;
        // typed messages may follow the StartupMessage in the same packet
        if (frame.type === STARTUP && isStartupMessage(frame.body)) this.decoder.startupPhase = false;
      }
    } catch (e) {
      this.clearQueue();
      this.writer.errorResponse(fatal(e instanceof FrameError ? e.message : `Invalid message: ${String(e)}`));
      this.socket.end(this.writer.take());
      this.close();
      return;
    }
    if (this.queuedBytes > INPUT_HIGH_WATER) this.socket.pause();
    this.wakeFrameReader();
    if (!this.processing) {
      this.processing = true;
      this.running = this.process();
    }
  }

  private async process(): Promise<void> {
    try {
      do {
        while (this.queueHead < this.queue.length && !this.closed) {
          const frame = this.takeFrame();
          this.midPipeline = PIPELINE_MESSAGES.has(frame.type);
          const pending = this.handle(frame);
          if (pending) await pending;
          // a client pipelining many statements gets its answers (and backpressure) as they come
          if (this.writer.pending >= OUTPUT_HIGH_WATER) await this.flush();
        }
        // answers to an extended-protocol pipeline not yet ended by Sync or Flush (ParseComplete,
        // BindComplete…) wait for the rest of it, as PostgreSQL's do: a client cannot count on
        // them before it sends Sync or Flush
        if (!this.midPipeline) await this.flush();
        // frames that arrived during the last flush are handled by this same loop
      } while (this.queueHead < this.queue.length && !this.closed);
    } catch (e) {
      if (!(e instanceof ConnectionClosed)) {
        this.writer.errorResponse(fatal(e instanceof Error ? e.message : String(e)));
        this.socket.end(this.writer.take());
      }
      this.close();
    } finally {
      this.processing = false;
    }
  }

  /**
   * One frame. Bind, Describe, Close and deferred Executes finish synchronously (no promise):
   * a pipeline of thousands of them does not pay a microtask turn each.
   */
  private handle(frame: RawFrame): Promise<void> | undefined {
    if (frame.type === STARTUP) return this.handleStartup(frame);
    if (!this.sessionValue) return undefined;
    const ext = this.extended!;
    const type = frame.type;
    if (type === X) {
      this.socket.end();
      this.close();
      return undefined;
    }
    if (ext.skipping && type !== S) return undefined;
    let pending: Promise<void> | undefined;
    try {
      pending = this.dispatch(ext, frame);
    } catch (e) {
      this.messageFailed(ext, e);
      return undefined;
    }
    return pending?.catch((e: unknown) => this.messageFailed(ext, e));
  }

  private dispatch(ext: ExtendedQuery, frame: RawFrame): Promise<void> | undefined {
    const type = frame.type;
    switch (type) {
      case B: ext.bind(decodeBind(frame.buf, frame.start, frame.end)); return undefined;
      case E: return ext.execute(decodeExecute(frame.buf, frame.start, frame.end));
      case Q: return simpleQuery(this, decodeQuery(frame.body));
      case P: return ext.parse(decodeParse(frame.body));
      case D: ext.describe(decodeDescribe(frame.body)); return undefined;
      case C: ext.close(decodeClose(frame.body)); return undefined;
      case H: return ext.flush().then(() => this.flush());
      case S: return ext.sync().then((status) => { this.writer.readyForQuery(status); });
      case code('p'): return undefined; // PasswordMessage after trust auth: nothing to check
      case code('d'): case code('c'): case code('f'): return undefined; // the rest of a failed COPY FROM STDIN
      default:
        // CrateDB: ErrorResponse without ReadyForQuery and without entering skip mode
        this.writer.errorResponse({ severity: 'ERROR', message: `Unsupported messageType: ${type}`, sqlState: 'XX000' });
        return undefined;
    }
  }

  /** A message failed synchronously (pgwire.md §5.9): ErrorResponse, then skip until Sync. */
  private messageFailed(ext: ExtendedQuery, e: unknown): void {
    if (e instanceof ConnectionClosed) throw e;
    this.errorResponse(e);
    ext.skipping = true;
  }

  private async handleStartup(frame: Frame): Promise<void> {
    const outcome = await handleFirstPacket(decodeFirstPacket(frame.body), this.registry.db, this.writer);
    switch (outcome.kind) {
      case 'continue':
        return this.flush();
      case 'cancel':
        this.registry.cancel(outcome.processId, outcome.secretKey);
        this.socket.end();
        this.close();
        return;
      case 'reject':
        this.writer.errorResponse(outcome.error);
        this.socket.end(this.writer.take());
        this.close();
        return;
      case 'ready':
        clearTimeout(this.authTimer);
        if (this.closed) {
          outcome.session.close();
          return;
        }
        this.sessionValue = outcome.session;
        this.processId = outcome.session.options.id;
        this.secretKey = outcome.secretKey;
        this.extended = new ExtendedQuery(this);
        outcome.session.copyChannel = new PgCopyChannel(this);
        this.decoder.maxMessageLength = MAX_MESSAGE_LENGTH;
        this.decoder.tooLargeMessage = 'Message too large';
        this.registry.register(this);
        return this.flush();
    }
  }

  errorResponse(e: unknown): void {
    let fields = errorFieldsOf(e);
    if (this.cancelRequested && /^Job killed/.test(fields.message)) {
      fields = { ...fields, message: `Job killed. Cancellation request by: ${this.session.options.user}` };
    }
    this.cancelRequested = false;
    this.writer.errorResponse(fields);
  }

  beforeStatement(statement: Statement): void {
    this.cancelRequested = false;
    this.extended?.onStatement(statement);
  }

  /** CancelRequest with our key: interrupt what runs, drop deferred writes (pgwire.md §9). */
  cancel(): void {
    if (!this.sessionValue) return;
    this.cancelRequested = true;
    this.extended?.cancelDeferred();
    this.sessionValue.cancel();
  }

  /**
   * The client's next frame, for a running COPY FROM STDIN (copy-protocol.ts): the statement is
   * handled inside process(), so it takes its CopyData from the queue directly.
   */
  async readFrame(signal?: AbortSignal): Promise<Frame> {
    while (this.queueHead === this.queue.length) {
      if (this.closed) throw new ConnectionClosed('connection closed');
      signal?.throwIfAborted();
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          if (this.frameWaiter === wake) this.frameWaiter = undefined;
          resolve();
        };
        this.frameWaiter = wake;
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
    return this.takeFrame();
  }

  /** The next queued frame (there is one); reading resumes when the queue has drained enough. */
  private takeFrame(): RawFrame {
    const frame = this.queue[this.queueHead]!;
    this.queue[this.queueHead++] = undefined;
    if (this.queueHead === this.queue.length) this.clearQueue();
    this.queuedBytes -= frame.length;
    if (this.queuedBytes < INPUT_HIGH_WATER / 2 && this.socket.isPaused()) this.socket.resume();
    return frame;
  }

  private clearQueue(): void {
    this.queue.length = 0;
    this.queueHead = 0;
  }

  private wakeFrameReader(): void {
    const wake = this.frameWaiter;
    this.frameWaiter = undefined;
    wake?.();
  }

  async flush(): Promise<void> {
    if (this.closed) throw new ConnectionClosed('connection closed');
    if (this.writer.pending === 0) return;
    if (!this.socket.write(this.writer.take())) {
      await drainedOrClosed(this.socket);
      if (this.closed) throw new ConnectionClosed('connection closed');
    }
  }

  /** Release everything; a statement still running is interrupted. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.authTimer);
    this.clearQueue();
    this.wakeFrameReader();
    if (!this.socket.destroyed && !this.socket.writableEnded) this.socket.destroy();
    this.registry.forget(this);
    const session = this.sessionValue;
    if (!session) {
      this.finish();
      return;
    }
    if (this.processing) session.cancel();
    // let a running statement unwind before the session (and its DuckDB connection) goes
    void this.running.then(() => {
      session.close();
      this.finish();
    });
  }
}

/**
 * Resolves on the socket's next 'drain' or 'close', whichever comes first, and removes both
 * listeners then (racing two `events.once` would leave the loser's listeners on the socket:
 * two more for every full socket buffer over the connection's life).
 */
function drainedOrClosed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
