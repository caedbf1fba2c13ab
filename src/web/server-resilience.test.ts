import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WEB_MAX_MESSAGE_BYTES, WEB_SOCKET_PATH } from '../shared/ipc/web-protocol';
import { spawnServerProcess, type ServerProcess } from './testing/spawn-server';
import { closePayload, encodeFrame, rawUpgrade, serverCloseCode, type FrameSpec } from './testing/raw-websocket';

/**
 * The browser-mode server must outlive any client: every WebSocket protocol error and every TCP reset ends that one
 * connection, never the process. The server runs in its own process so a crash shows as an exit, not as a failure
 * of the test runner; after each hostile connection a fresh client must still be served.
 */

let server: ServerProcess;

async function ensureServer(): Promise<void> {
  if (!server?.alive()) server = await spawnServerProcess();
}

afterAll(() => server?.stop());

beforeEach(ensureServer);

const originOf = () => `http://127.0.0.1:${server.port}`;
const wsPath = (token?: string) => `${WEB_SOCKET_PATH}${token === undefined ? '' : `?token=${token}`}`;

/** A new, well-behaved client connects and gets an answer: the proof the server is still up. */
async function stillServes(): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
  if (!server.alive())
    throw new Error(`the server process died (exit ${server.child.exitCode}):\n${server.stderr().slice(-2000)}`);
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${wsPath(server.token)}`, { origin: originOf() });
  try {
    const reply = await new Promise<{ ok: boolean; result?: { id: string }[] }>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ id: 1, channel: 'layerlab:datasets.list' })));
      ws.once('message', (data) => resolve(JSON.parse(String(data))));
      ws.once('error', reject);
      ws.once('close', () => reject(new Error('closed before answering')));
    });
    expect(reply.ok).toBe(true);
    expect(reply.result!.map((d) => d.id)).toContain('fonts');
  } finally {
    ws.terminate();
  }
}

const text = (s: string) => new TextEncoder().encode(s);
const INVALID_UTF8 = new Uint8Array([0x7b, 0xc3, 0x28, 0xff, 0xfe]);

/** Each kind of malformed client traffic, the frames that carry it, and the close code RFC 6455 asks for. */
const MALFORMED: { kind: string; frames: FrameSpec[]; closeCode: number }[] = [
  { kind: 'text frame with invalid UTF-8', frames: [{ opcode: 0x1, payload: INVALID_UTF8 }], closeCode: 1007 },
  {
    kind: 'invalid UTF-8 split across fragments',
    frames: [
      { opcode: 0x1, fin: false, payload: new Uint8Array([0x7b, 0xe2, 0x82]) },
      { opcode: 0x0, payload: new Uint8Array([0x28]) },
    ],
    closeCode: 1007,
  },
  { kind: 'unmasked client frame', frames: [{ opcode: 0x1, payload: text('{}'), mask: false }], closeCode: 1002 },
  { kind: 'reserved data opcode 0x3', frames: [{ opcode: 0x3, payload: text('x') }], closeCode: 1002 },
  { kind: 'reserved control opcode 0xB', frames: [{ opcode: 0xb }], closeCode: 1002 },
  {
    kind: 'RSV1 without a negotiated extension',
    frames: [{ opcode: 0x1, rsv: 4, payload: text('{}') }],
    closeCode: 1002,
  },
  { kind: 'RSV2 set', frames: [{ opcode: 0x1, rsv: 2, payload: text('{}') }], closeCode: 1002 },
  { kind: 'RSV3 set', frames: [{ opcode: 0x2, rsv: 1, payload: text('{}') }], closeCode: 1002 },
  {
    kind: 'close code 999 (below the valid range)',
    frames: [{ opcode: 0x8, payload: closePayload(999) }],
    closeCode: 1002,
  },
  { kind: 'close code 1005 (reserved)', frames: [{ opcode: 0x8, payload: closePayload(1005) }], closeCode: 1002 },
  { kind: 'close code 5000 (unassigned)', frames: [{ opcode: 0x8, payload: closePayload(5000) }], closeCode: 1002 },
  { kind: 'close frame with a 1-byte body', frames: [{ opcode: 0x8, payload: new Uint8Array([3]) }], closeCode: 1002 },
  {
    kind: 'close reason with invalid UTF-8',
    frames: [{ opcode: 0x8, payload: closePayload(1000, INVALID_UTF8) }],
    closeCode: 1007,
  },
  { kind: 'ping longer than 125 bytes', frames: [{ opcode: 0x9, payload: new Uint8Array(126) }], closeCode: 1002 },
  { kind: 'fragmented ping', frames: [{ opcode: 0x9, fin: false, payload: text('p') }], closeCode: 1002 },
  { kind: 'continuation without a start', frames: [{ opcode: 0x0, payload: text('x') }], closeCode: 1002 },
  {
    kind: 'new message inside a fragmented one',
    frames: [
      { opcode: 0x1, fin: false, payload: text('{"a":') },
      { opcode: 0x1, payload: text('1}') },
    ],
    closeCode: 1002,
  },
  {
    kind: 'message over the size limit',
    frames: [{ opcode: 0x1, announcedLength: BigInt(WEB_MAX_MESSAGE_BYTES + 1), payload: text('{') }],
    closeCode: 1009,
  },
  {
    kind: 'fragments adding up to more than the size limit',
    frames: [
      { opcode: 0x1, fin: false, payload: text('{"x":"') },
      { opcode: 0x0, announcedLength: BigInt(WEB_MAX_MESSAGE_BYTES), payload: text('a') },
    ],
    closeCode: 1009,
  },
  {
    kind: 'payload length above 2^53 - 1',
    frames: [{ opcode: 0x2, announcedLength: 2n ** 63n + 5n }],
    closeCode: 1009,
  },
  {
    kind: 'a message in 20,000 one-byte fragments',
    frames: [
      { opcode: 0x1, fin: false, payload: text('"') },
      ...Array.from({ length: 20_000 }, () => ({ opcode: 0x0, fin: false, payload: text('a') })),
    ],
    closeCode: 1008,
  },
];

describe('web server: WebSocket protocol errors end the connection, never the server', () => {
  it.each(MALFORMED)('$kind', async ({ frames, closeCode }) => {
    const { status, connection } = await rawUpgrade({
      port: server.port,
      path: wsPath(server.token),
      origin: originOf(),
    });
    expect(status).toBe(101);
    connection.socket.write(Buffer.concat(frames.map(encodeFrame)));
    expect(await connection.closed(5000)).toBe('closed');
    expect(serverCloseCode(connection.received())).toBe(closeCode);
    await stillServes();
  });
});

describe('web server: TCP resets', () => {
  const reset = (connection: { socket: { resetAndDestroy(): void } }) => connection.socket.resetAndDestroy();

  it('survives a reset right after a refused upgrade (no token)', async () => {
    for (let i = 0; i < 20; i++) {
      const { status, connection } = await rawUpgrade({ port: server.port, path: wsPath(), origin: originOf() });
      expect(status).toBe(401);
      reset(connection);
    }
    await stillServes();
  });

  it('survives a reset while the refusal is still being written', async () => {
    const { connect } = await import('node:net');
    for (let i = 0; i < 20; i++) {
      const socket = connect(server.port, '127.0.0.1');
      await new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      socket.on('error', () => {});
      socket.write(
        `GET ${wsPath('wrong')} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${originOf()}\r\n` +
          `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${'a'.repeat(22)}==\r\n` +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      );
      await new Promise((r) => setTimeout(r, i % 4));
      socket.resetAndDestroy();
    }
    await stillServes();
  });

  it('survives a reset of an open, authorised connection mid-frame', async () => {
    const { status, connection } = await rawUpgrade({
      port: server.port,
      path: wsPath(server.token),
      origin: originOf(),
    });
    expect(status).toBe(101);
    connection.socket.write(
      encodeFrame({ opcode: 0x1, payload: text('{"id":1,"channel":"layerlab:datasets.list"}') }).subarray(0, 9),
    );
    await new Promise((r) => setTimeout(r, 20));
    reset(connection);
    await stillServes();
  });
});
