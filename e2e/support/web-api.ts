import WebSocket from 'ws';
import { WEB_SOCKET_PATH } from '../../src/shared/ipc/web-protocol';

/**
 * One invoke against the browser-mode server from the test process, as the page would make it (same token, same
 * Origin). Used to reset server-side state between tests, e.g. the autosave slot.
 */
export async function invokeWeb(pageUrl: string, channel: string, payload?: unknown): Promise<unknown> {
  const url = new URL(pageUrl);
  const socket = new WebSocket(`ws://${url.host}${WEB_SOCKET_PATH}?token=${url.searchParams.get('token')}`, {
    origin: url.origin,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return await new Promise((resolve, reject) => {
      socket.once('message', (data) => {
        const reply = JSON.parse(String(data)) as { ok: boolean; result?: unknown; error?: string };
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.error));
      });
      socket.send(JSON.stringify({ id: 1, channel, payload }));
    });
  } finally {
    socket.close();
  }
}
