import type { Socket } from 'node:net';
import type { Document } from 'bson';
import { runCommand } from './commands/registry';
import type { CommandContext } from './commands/context';
import { ErrorCodes } from './errors';
import { tagValues } from './storage/value-identity';
import { encodeOpMsg, encodeOpReply, parseOpMsg, parseOpQuery, ProtocolError } from './wire/codec';
import { FrameDecoder, FramingError, type Frame } from './wire/framing';
import { OP_COMPRESSED, OP_MSG, OP_QUERY } from './wire/opcodes';

let nextRequestId = 1;
function requestId(): number {
  nextRequestId = (nextRequestId % 0x7fffffff) + 1;
  return nextRequestId;
}

/**
 * One client connection: decodes frames, runs commands, writes replies in request order. A command
 * that answers later (a getMore waiting on a tailable cursor) holds the frames behind it until it
 * has answered.
 */
export class Connection {
  private readonly decoder = new FrameDecoder();
  /** Frames received and not handled yet (behind a command that has not answered). */
  private backlog: Frame[] = [];
  /** A command of this connection is waiting to answer. */
  private answering = false;

  constructor(
    private readonly socket: Socket,
    private readonly baseContext: Omit<CommandContext, 'dbName'>,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
  }

  private onData(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.abort(err instanceof FramingError ? err.message : 'framing error');
      return;
    }
    this.backlog.push(...frames);
    this.drain();
  }

  private drain(): void {
    while (!this.answering && this.backlog.length > 0) {
      if (this.socket.destroyed) {
        this.backlog = [];
        return;
      }
      const frame = this.backlog.shift()!;
      const later = this.handleSafely(frame);
      if (later) {
        this.answering = true;
        void later.then(() => {
          this.answering = false;
          this.drain();
        });
      }
    }
  }

  /** Handles a frame; a promise when its answer comes later (it never rejects). */
  private handleSafely(frame: Frame): Promise<void> | undefined {
    try {
      const later = this.handleFrame(frame);
      return later?.catch((err: unknown) => this.failed(frame, err));
    } catch (err) {
      this.failed(frame, err);
      return undefined;
    }
  }

  /** A bug or an unencodable reply must never take the server down: answer if we can, else hang up. */
  private failed(frame: Frame, err: unknown): void {
    this.baseContext.logger.error('failed to handle message', {
      error: (err as Error).message,
      opCode: frame.header.opCode,
    });
    try {
      const reply = {
        ok: 0,
        errmsg: `internal error: ${(err as Error).message}`,
        code: 1,
        codeName: 'InternalError',
      };
      if (frame.header.opCode === OP_MSG)
        this.write(encodeOpMsg(requestId(), frame.header.requestId, reply));
      else this.abort('internal error');
    } catch {
      this.abort('internal error');
    }
  }

  private abort(reason: string): void {
    this.baseContext.logger.warn('closing connection', {
      reason,
      connectionId: this.baseContext.connectionId,
    });
    this.socket.destroy();
  }

  private handleFrame(frame: Frame): Promise<void> | undefined {
    const { opCode, requestId: reqId } = frame.header;
    if (opCode === OP_MSG) {
      let moreToCome = false;
      let reply: Document | Promise<Document>;
      try {
        const msg = parseOpMsg(frame.body);
        tagValues(msg.command);
        moreToCome = msg.moreToCome;
        const dbName = msg.command.$db;
        if (typeof dbName !== 'string') {
          reply = {
            ok: 0,
            errmsg: 'OP_MSG requests require a $db argument',
            code: ErrorCodes.FailedToParse,
            codeName: 'FailedToParse',
          };
        } else {
          reply = runCommand(msg.command, { ...this.baseContext, dbName });
        }
      } catch (err) {
        if (!(err instanceof ProtocolError)) throw err;
        reply = {
          ok: 0,
          errmsg: err.message,
          code: ErrorCodes.InvalidBSON,
          codeName: 'InvalidBSON',
        };
      }
      if (reply instanceof Promise) {
        return reply.then((answer) => {
          if (!moreToCome) this.write(encodeOpMsg(requestId(), reqId, answer));
        });
      }
      if (!moreToCome) this.write(encodeOpMsg(requestId(), reqId, reply));
      return undefined;
    }
    if (opCode === OP_QUERY) {
      try {
        const query = parseOpQuery(frame.body);
        const [dbName, coll] = splitNamespace(query.fullCollectionName);
        if (coll !== '$cmd') {
          this.write(
            encodeOpReply(
              requestId(),
              reqId,
              { $err: 'OP_QUERY is no longer supported', code: 5739101, ok: 0 },
              2,
            ),
          );
          return undefined;
        }
        const cmd = (query.query.$query as Document | undefined) ?? query.query;
        const reply = runCommand(cmd, { ...this.baseContext, dbName });
        if (reply instanceof Promise)
          return reply.then((answer) => this.write(encodeOpReply(requestId(), reqId, answer)));
        this.write(encodeOpReply(requestId(), reqId, reply));
      } catch (err) {
        if (!(err instanceof ProtocolError)) throw err;
        this.write(
          encodeOpReply(
            requestId(),
            reqId,
            { $err: err.message, code: ErrorCodes.InvalidBSON, ok: 0 },
            2,
          ),
        );
      }
      return undefined;
    }
    if (opCode === OP_COMPRESSED) {
      this.abort('OP_COMPRESSED received but no compressor was negotiated');
      return undefined;
    }
    this.abort(`unsupported opcode ${opCode}`);
    return undefined;
  }

  private write(buf: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(buf);
  }
}

function splitNamespace(ns: string): [string, string] {
  const dot = ns.indexOf('.');
  return dot < 0 ? [ns, ''] : [ns.slice(0, dot), ns.slice(dot + 1)];
}
