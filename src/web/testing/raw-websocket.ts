import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * WebSocket frames written byte by byte, so tests can send what no well-behaved client library would: bad opcodes,
 * reserved bits, unmasked frames, lying lengths. RFC 6455 §5.2.
 */
export interface FrameSpec {
  opcode: number;
  payload?: Uint8Array;
  fin?: boolean;
  /** RSV1..RSV3 as a 3-bit number (RSV1 = 4). */
  rsv?: number;
  /** Clients must mask; false sends the payload in the clear. */
  mask?: boolean;
  /** Announce this length instead of the payload's own (the payload bytes are still what is sent). */
  announcedLength?: bigint;
}

export function encodeFrame(spec: FrameSpec): Buffer {
  const payload = Buffer.from(spec.payload ?? new Uint8Array());
  const length = spec.announcedLength ?? BigInt(payload.length);
  const mask = spec.mask ?? true;
  const first = ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f);
  const maskBit = mask ? 0x80 : 0;
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, maskBit | Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = maskBit | 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (!mask) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ key[i % 4];
  return Buffer.concat([header, key, masked]);
}

/** A close frame's payload: a 2-byte code and an optional reason (raw bytes, so it can be invalid UTF-8). */
export function closePayload(code: number, reason: Uint8Array = new Uint8Array()): Buffer {
  const out = Buffer.alloc(2 + reason.length);
  out.writeUInt16BE(code, 0);
  out.set(reason, 2);
  return out;
}

export interface RawConnection {
  socket: Socket;
  /** Everything the server sent after the 101 response. */
  received(): Buffer;
  /** Resolves when the server ends the TCP connection (or after `ms`, with 'timeout'). */
  closed(ms: number): Promise<'closed' | 'timeout'>;
}

/** Open a TCP connection and send an upgrade request; `handshake` resolves with the status line. */
export function rawUpgrade(options: {
  port: number;
  path: string;
  origin?: string;
}): Promise<{ status: number; connection: RawConnection }> {
  return new Promise((resolve, reject) => {
    const socket = connect(options.port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let headerDone = false;
    let body = Buffer.alloc(0);
    let ended = false;
    const endWaiters: (() => void)[] = [];
    socket.on('error', () => {});
    socket.on('close', () => {
      ended = true;
      for (const waiter of endWaiters.splice(0)) waiter();
    });
    const connection: RawConnection = {
      socket,
      received: () => body,
      closed: (ms) =>
        new Promise((done) => {
          if (ended) return done('closed');
          const timer = setTimeout(() => done('timeout'), ms);
          endWaiters.push(() => {
            clearTimeout(timer);
            done('closed');
          });
        }),
    };
    socket.on('data', (chunk) => {
      if (headerDone) {
        body = Buffer.concat([body, chunk]);
        return;
      }
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      headerDone = true;
      body = buffer.subarray(end + 4);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(buffer.toString('latin1'))?.[1] ?? -1);
      resolve({ status, connection });
    });
    socket.once('connect', () => {
      socket.write(
        [
          `GET ${options.path} HTTP/1.1`,
          `Host: 127.0.0.1:${options.port}`,
          ...(options.origin ? [`Origin: ${options.origin}`] : []),
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.once('error', reject);
  });
}

/** The status code of the first close frame in what the server sent, or null when it sent none. */
export function serverCloseCode(bytes: Buffer): number | null {
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const opcode = bytes[offset] & 0x0f;
    let length = bytes[offset + 1] & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 0x8) return length >= 2 ? bytes.readUInt16BE(start) : null;
    offset = start + length;
  }
  return null;
}
