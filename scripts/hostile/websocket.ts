import { connect } from 'node:net';
import WebSocket from 'ws';
import { WEB_SOCKET_PATH } from '../../src/shared/ipc/web-protocol';
import { mulberry32, type RandomSource } from '../../src/shared/seeded-random';
import { MALFORMED } from '../../src/web/testing/malformed-frames';
import { encodeFrame, rawUpgrade, type FrameSpec } from '../../src/web/testing/raw-websocket';
import { spawnServerProcess } from '../../src/web/testing/spawn-server';
import { CategoryResult, within } from './category';

/**
 * Malformed WebSocket traffic and TCP resets against a real browser-mode server (its own process): the known
 * protocol errors, seeded random frames (opcodes, reserved bits, masks, lying lengths, garbage payloads, fragments),
 * resets at random points of the handshake and of frames, with and without the token. A dead server is a crash
 * (it is started again, and the count goes on); a server alive but not serving a well-behaved client is a failure.
 */
export async function attackWebSocket(options: { seed: number; count: number }): Promise<CategoryResult> {
  const result = new CategoryResult('malformed WebSocket frames and resets');
  const random = mulberry32(options.seed);
  let server = await spawnServerProcess();
  const origin = () => `http://127.0.0.1:${server.port}`;
  const path = (token?: string) => `${WEB_SOCKET_PATH}${token === undefined ? '' : `?token=${token}`}`;

  const attacks: (() => Promise<void>)[] = [];
  for (const { frames } of MALFORMED) attacks.push(() => sendFrames(frames, false));
  for (let i = attacks.length; i < options.count; i++) {
    const kind = random();
    if (kind < 0.6) {
      const frames = randomFrames(random);
      const resetAfter = random() < 0.3;
      attacks.push(() => sendFrames(frames, resetAfter));
    } else if (kind < 0.8) {
      const cut = random();
      const token = random() < 0.5;
      attacks.push(() => resetDuringHandshake(cut, token));
    } else {
      const bytes = Buffer.from(
        Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256)),
      );
      attacks.push(() => sendRawBytes(bytes));
    }
  }

  async function sendFrames(frames: FrameSpec[], resetAfter: boolean): Promise<void> {
    const { status, connection } = await rawUpgrade({ port: server.port, path: path(server.token), origin: origin() });
    if (status !== 101) throw new Error(`upgrade refused with ${status}`);
    connection.socket.write(Buffer.concat(frames.map(encodeFrame)));
    if (resetAfter) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      connection.socket.resetAndDestroy();
    } else if ((await connection.closed(300)) === 'timeout') connection.socket.resetAndDestroy();
  }

  async function resetDuringHandshake(cut: number, withToken: boolean): Promise<void> {
    const socket = connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    const request =
      `GET ${path(withToken ? server.token : 'wrong')} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
      `Origin: ${origin()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${'a'.repeat(22)}==\r\nSec-WebSocket-Version: 13\r\n\r\n`;
    socket.write(request.slice(0, Math.floor(cut * request.length)));
    await new Promise((resolve) => setTimeout(resolve, Math.floor(cut * 4)));
    socket.resetAndDestroy();
  }

  async function sendRawBytes(bytes: Buffer): Promise<void> {
    const { connection } = await rawUpgrade({ port: server.port, path: path(server.token), origin: origin() });
    connection.socket.write(bytes);
    if ((await connection.closed(200)) === 'timeout') connection.socket.resetAndDestroy();
  }

  async function serves(): Promise<boolean> {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path(server.token)}`, { origin: origin() });
    const reply = await within(
      10_000,
      new Promise<boolean>((resolve) => {
        ws.once('open', () => ws.send(JSON.stringify({ id: 1, channel: 'layerlab:datasets.list' })));
        ws.once('message', (data) => resolve((JSON.parse(String(data)) as { ok: boolean }).ok));
        ws.once('error', () => resolve(false));
      }),
    );
    ws.terminate();
    return reply === true;
  }

  try {
    for (const [index, attack] of attacks.entries()) {
      result.tried();
      try {
        await attack();
      } catch {
        // The connection itself failed (refused, reset by the server): what counts is whether the server lives.
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (!server.alive()) {
        result.crash(`the server died after attack ${index}: ${server.stderr().slice(-400)}`);
        server = await spawnServerProcess();
        continue;
      }
      if (index % 25 === 24 && !(await serves())) result.fail(`a client was not served after attack ${index}`);
    }
    if (server.alive() && !(await serves())) result.fail('a client was not served at the end');
    result.figures.push(`server peak RSS ${Math.round(server.peakMemoryBytes() / 1024 / 1024)} MiB`);
  } finally {
    server.stop();
  }
  return result;
}

/** 1-4 frames with random opcodes, bits, masks, announced lengths and payloads. */
function randomFrames(random: RandomSource): FrameSpec[] {
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => {
    const payload = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
    const lie = random();
    return {
      opcode: Math.floor(random() * 16),
      payload,
      fin: random() < 0.7,
      rsv: random() < 0.2 ? Math.floor(random() * 8) : 0,
      mask: random() < 0.9,
      ...(lie < 0.1
        ? { announcedLength: BigInt(Math.floor(random() * 2 ** 31)) }
        : lie < 0.15
          ? { announcedLength: 2n ** 63n - BigInt(Math.floor(random() * 1000)) }
          : {}),
    };
  });
}
