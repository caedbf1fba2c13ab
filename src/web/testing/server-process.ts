/**
 * The browser-mode server in a process of its own, for tests that try to kill it: they need to see it die
 * (exit code, stderr) rather than take the test runner down with it. Prints one JSON line `{ port, token }` once
 * listening; stops on SIGTERM. Environment: LAYERLAB_TEST_MAX_UPLOAD_BYTES optionally sets the upload cap.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../core/services/create-services';
import { createTrainingHost } from '../../core/engine/training-host';
import { startWebServer } from '../server';

const root = mkdtempSync(join(tmpdir(), 'layerlab-server-process-'));
const rendererDir = join(root, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>LayerLab</title>');

const services = createServices({ userDataDir: join(root, 'user'), trainingHost: createTrainingHost() });
const maxUpload = process.env.LAYERLAB_TEST_MAX_UPLOAD_BYTES;
const server = await startWebServer({
  port: 0,
  rendererDir,
  services,
  log: (m) => console.error(m),
  maxUploadBytes: maxUpload ? Number(maxUpload) : undefined,
});
console.log(JSON.stringify({ port: server.port, token: server.token, uploadDir: server.uploadDir }));

process.on('SIGTERM', () => {
  void server.close().then(() => {
    services.dispose();
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  });
});
