import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WEB_SOCKET_PATH } from '../shared/ipc/web-protocol';
import { spawnServerProcess, type ServerProcess } from './testing/spawn-server';
import { encodeFrame, rawUpgrade, serverCloseCode } from './testing/raw-websocket';
import { MALFORMED, text } from './testing/malformed-frames';

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
