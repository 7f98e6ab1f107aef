import { deserialize, serialize, type Document } from 'bson';
import { FLAG_CHECKSUM_PRESENT, FLAG_MORE_TO_COME, HEADER_SIZE, OP_MSG, OP_REPLY } from './opcodes';

export class ProtocolError extends Error {}

export interface ParsedMsg {
  flagBits: number;
  moreToCome: boolean;
  command: Document;
}

export interface ParsedQuery {
  fullCollectionName: string;
  query: Document;
}

const DESERIALIZE_OPTIONS = { validation: { utf8: false } } as const;

function readCString(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new ProtocolError('unterminated cstring');
  return [buf.toString('utf8', offset, end), end + 1];
}

function readDocument(buf: Buffer, offset: number, limit: number): [Document, number] {
  if (offset + 5 > limit) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > limit)
    throw new ProtocolError(`invalid BSON document size ${size}`);
  try {
    return [deserialize(buf.subarray(offset, offset + size), DESERIALIZE_OPTIONS), offset + size];
  } catch (err) {
    throw new ProtocolError(`invalid BSON: ${(err as Error).message}`);
  }
}

/** Parses the body of an OP_MSG (everything after the header) into one command document. */
export function parseOpMsg(body: Buffer): ParsedMsg {
  if (body.length < 5) throw new ProtocolError('OP_MSG too short');
  const flagBits = body.readUInt32LE(0);
  let end = body.length;
  if (flagBits & FLAG_CHECKSUM_PRESENT) end -= 4;
  let offset = 4;
  let command: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = body[offset];
    offset += 1;
    if (kind === 0) {
      const [doc, next] = readDocument(body, offset, end);
      if (command) throw new ProtocolError('OP_MSG has more than one body section');
      command = doc;
      offset = next;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
      const size = body.readInt32LE(offset);
      const seqEnd = offset + size;
      if (size < 5 || seqEnd > end) throw new ProtocolError('invalid document sequence size');
      const [identifier, afterId] = readCString(body, offset + 4);
      let pos = afterId;
      const docs: Document[] = [];
      while (pos < seqEnd) {
        const [doc, next] = readDocument(body, pos, seqEnd);
        docs.push(doc);
        pos = next;
      }
      sequences.push([identifier, docs]);
      offset = seqEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (!command) throw new ProtocolError('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) {
    const existing: unknown = command[identifier];
    command[identifier] = Array.isArray(existing) ? [...(existing as Document[]), ...docs] : docs;
  }
  return { flagBits, moreToCome: (flagBits & FLAG_MORE_TO_COME) !== 0, command };
}

/** Parses the body of a legacy OP_QUERY. */
export function parseOpQuery(body: Buffer): ParsedQuery {
  if (body.length < 4) throw new ProtocolError('OP_QUERY too short');
  const [fullCollectionName, afterName] = readCString(body, 4);
  const docStart = afterName + 8;
  const [query] = readDocument(body, docStart, body.length);
  return { fullCollectionName, query };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const buf = Buffer.alloc(HEADER_SIZE);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
  return buf;
}

/** Encodes an OP_MSG reply with a single body section. */
export function encodeOpMsg(requestId: number, responseTo: number, doc: Document): Buffer {
  const payload = serialize(doc);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32LE(0, 0);
  prefix[4] = 0;
  const length = HEADER_SIZE + prefix.length + payload.length;
  return Buffer.concat([header(length, requestId, responseTo, OP_MSG), prefix, payload]);
}

/** Encodes an OP_REPLY carrying one document. */
export function encodeOpReply(
  requestId: number,
  responseTo: number,
  doc: Document,
  responseFlags = 0,
): Buffer {
  const payload = serialize(doc);
  const fixed = Buffer.alloc(20);
  fixed.writeInt32LE(responseFlags, 0);
  fixed.writeBigInt64LE(0n, 4);
  fixed.writeInt32LE(0, 12);
  fixed.writeInt32LE(1, 16);
  const length = HEADER_SIZE + fixed.length + payload.length;
  return Buffer.concat([header(length, requestId, responseTo, OP_REPLY), fixed, payload]);
}
