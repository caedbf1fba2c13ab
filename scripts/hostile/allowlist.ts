import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import WebSocket from 'ws';
import { PROJECT_FORMAT, PROJECT_VERSION, serializeProject } from '../../src/shared/graph/project-file';
import { getTemplate } from '../../src/shared/templates';
import { spawnServerProcess, type ServerProcess } from '../../src/web/testing/spawn-server';
import { CategoryResult, within } from './category';

/**
 * Attempts to read files outside the session's allowlist through everything a browser-mode page can send: the data
 * channels with made-up paths, training and export on them, forged project handles, the autosave slot, upload names
 * that climb out of the upload folder, and plain HTTP paths. A success (or an answer quoting the file) is a failure;
 * the server dying is a crash.
 */

const MARKER = 'SECRET-MARKER-7f3a';

/** A browser-mode connection speaking the raw protocol: what injected script in the page could send. */
class RawClient {
  private next = 1;
  private readonly waiting = new Map<number, (reply: { ok: boolean; result?: unknown; error?: string }) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const reply = JSON.parse(String(data)) as { id?: number; ok: boolean; result?: unknown; error?: string };
      if (reply.id !== undefined) this.waiting.get(reply.id)?.(reply);
    });
  }

  static open(server: ServerProcess): Promise<RawClient> {
    const origin = `http://127.0.0.1:${server.port}`;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('error', reject);
    });
  }

  call(channel: string, payload: unknown): Promise<{ ok: boolean; result?: unknown; error?: string } | 'timeout'> {
    const id = this.next++;
    const reply = new Promise<{ ok: boolean; result?: unknown; error?: string }>((resolve) =>
      this.waiting.set(id, resolve),
    );
    this.ws.send(JSON.stringify({ id, channel, payload }));
    return within(20_000, reply);
  }

  close(): void {
    this.ws.terminate();
  }
}

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve({ status: -1, body: '' }));
    req.end();
  });
}

export async function tryAllowlist(): Promise<CategoryResult> {
  const result = new CategoryResult('reads outside the allowlist');
  const work = mkdtempSync(join(tmpdir(), 'layerlab-hostile-allowlist-'));
  const secretCsv = join(work, 'secret.csv');
  writeFileSync(secretCsv, `x1,x2,label\n0,1,${MARKER}\n1,0,other\n`);
  const secretNpy = join(work, 'secret.npy');
  writeFileSync(secretNpy, `${MARKER}`.repeat(10));
  mkdirSync(join(work, 'secret-images', MARKER), { recursive: true });
  writeFileSync(join(work, 'secret-images', MARKER, 'a.png'), MARKER);

  const server = await spawnServerProcess();
  const client = await RawClient.open(server);
  const xor = getTemplate('xor-mlp')!;
  const fromUploads = relative(server.uploadDir, secretCsv);
  const paths = [
    secretCsv,
    secretNpy,
    join(work, 'secret-images'),
    join(server.uploadDir, fromUploads),
    `${server.uploadDir}/../${relative(join(server.uploadDir, '..'), secretCsv)}`,
    `${secretCsv}/`,
    `${secretCsv}\u0000.png`,
    secretCsv.replace(/\//g, '//'),
    `file://${secretCsv}`,
    encodeURI(secretCsv).replace(/\//g, '%2F'),
    fromUploads,
    '/etc/passwd',
    '/proc/self/environ',
    '/proc/self/cmdline',
    '~/.ssh/id_rsa',
    '.',
    '/',
  ];

  /** A reply leaks when it succeeded where it must not, or quotes the secret. */
  const check = (what: string, reply: Awaited<ReturnType<RawClient['call']>>, mustFail = true) => {
    result.tried();
    if (!server.alive()) {
      result.crash(`the server died after ${what}: ${server.stderr().slice(-500)}`);
      return;
    }
    if (reply === 'timeout') return result.fail(`no answer to ${what}`);
    if (JSON.stringify(reply).includes(MARKER))
      return result.fail(`${what} answered with the secret: ${JSON.stringify(reply)}`);
    if (mustFail && reply.ok) result.fail(`${what} succeeded: ${JSON.stringify(reply.result).slice(0, 200)}`);
  };

  try {
    for (const path of paths) {
      const ref = { kind: 'file', path };
      check(`datasets.describe(${path})`, await client.call('layerlab:datasets.describe', { ref }));
      check(`datasets.preview(${path})`, await client.call('layerlab:datasets.preview', { ref, perClass: 2 }));
      for (const extra of [{ y: secretNpy }, { y: '../secret.npy' }, { x: MARKER }]) {
        check(
          `datasets.describe(${path} with ${JSON.stringify(extra)})`,
          await client.call('layerlab:datasets.describe', { ref: { ...ref, ...extra } }),
        );
      }
      const start = await client.call('layerlab:training.start', {
        graph: xor.graph,
        training: { ...xor.training, epochs: 1 },
        dataset: ref,
        task: xor.task,
      });
      check(`training.start on ${path}`, start);
      if (start !== 'timeout' && start.ok) await client.call('layerlab:training.stop', undefined);
    }
    // Forged handles for Open Recent, and prototype members as handles.
    for (const handle of [
      secretCsv,
      `web:${secretCsv}`,
      '../../secret.csv',
      '__proto__',
      'toString',
      'constructor',
      '1',
    ]) {
      check(`projects.openRecent(${handle})`, await client.call('layerlab:projects.openRecent', { handle }));
    }
    // A compromised page saves a project naming the secret through a forged handle, and through the autosave slot.
    const project = serializeProject({
      format: PROJECT_FORMAT,
      version: PROJECT_VERSION,
      graph: xor.graph,
      training: xor.training,
      dataset: { kind: 'file', path: secretCsv },
      task: xor.task,
    });
    check(
      'projects.save to a forged handle',
      await client.call('layerlab:projects.save', {
        handle: secretCsv,
        suggestedName: 'x.layerlab.json',
        text: project,
      }),
    );
    check(
      'projects.writeAutosave naming the secret',
      await client.call('layerlab:projects.writeAutosave', { text: project }),
      false,
    );
    check('projects.readAutosave', await client.call('layerlab:projects.readAutosave', undefined), false);
    check(
      'datasets.describe after the autosave named the secret',
      await client.call('layerlab:datasets.describe', { ref: { kind: 'file', path: secretCsv } }),
    );
    // Exports of runs that never were, named to climb out of the run store.
    for (const runId of ['../../..', '..', `../${relative('/', work)}`, '__proto__']) {
      check(
        `web.exportModel(${runId})`,
        await client.call('layerlab:web.exportModel', { runId, name: 'x', format: 'tfjs', includeData: true }),
      );
    }
    // Upload names that climb out of the upload folder: the file must land inside it.
    for (const name of ['../../escaped.csv', '/tmp/escaped.csv', '..\\..\\escaped.csv', `${work}/escaped.csv`]) {
      const begun = await client.call('layerlab:web.uploadBegin', { name, size: 24 });
      result.tried();
      if (begun === 'timeout' || !begun.ok) continue;
      const { uploadId } = begun.result as { uploadId: string };
      await client.call('layerlab:web.uploadChunk', {
        uploadId,
        base64: Buffer.from('x1,x2,label\n0,0,a\n1,1,b\n').toString('base64'),
      });
      const finished = await client.call('layerlab:web.uploadFinish', { uploadId });
      const escaped = ['/tmp/escaped.csv', join(work, 'escaped.csv'), join(server.uploadDir, '..', 'escaped.csv')];
      if (escaped.some((file) => existsSync(file)))
        result.fail(`upload "${name}" was written outside the upload folder`);
      if (finished !== 'timeout' && finished.ok) {
        const path = (finished.result as { path: string }).path;
        if (!path.startsWith(server.uploadDir)) result.fail(`upload "${name}" sits at ${path}`);
      }
    }
    // Plain HTTP, with and without the token.
    const httpPaths = [
      `/${fromUploads}`,
      `/../${relative('/', secretCsv)}`,
      `/%2e%2e/${relative('/', secretCsv)}`,
      `/..%2f..%2f..%2f${relative('/', secretCsv).replace(/\//g, '%2f')}`,
      `//${secretCsv}`,
      `/assets/../../../../${relative('/', secretCsv)}`,
      '/etc/passwd',
    ];
    for (const path of httpPaths) {
      for (const suffix of ['', `?token=${server.token}`]) {
        const reply = await httpGet(server.port, `${path}${suffix}`);
        result.tried();
        if (reply.body.includes(MARKER) || reply.body.includes('root:x:0:0'))
          result.fail(`GET ${path}${suffix} served a file outside the app (${reply.status})`);
      }
    }
    if (!server.alive()) result.crash(`the server died: ${server.stderr().slice(-500)}`);
    const left = readdirSync(work).filter((file) => file.includes('escaped'));
    if (left.length > 0) result.fail(`files written into the secret folder: ${left.join(', ')}`);
  } finally {
    client.close();
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}
