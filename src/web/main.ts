import { join, resolve } from 'node:path';
import { buildRenderer } from './build-renderer';
import { parsePort } from './port';
import { startWebServer } from './server';

/** `npm run web`: build the UI if needed, serve it on loopback, print the URL with this launch's token. */
async function main(): Promise<void> {
  const projectRoot = resolve(import.meta.dirname, '../..');
  const port = parsePort(process.env.LAYERLAB_PORT);
  const rendererDir = join(projectRoot, 'out/web');
  await buildRenderer({
    projectRoot,
    outDir: rendererDir,
    force: process.argv.includes('--rebuild'),
    log: (m) => console.log(m),
  });

  const server = await startWebServer({ port, rendererDir, log: (m) => console.error(m) });
  console.log(
    `LayerLab is running in browser mode. Open this URL (it contains this launch's access token):\n\n  ${server.url}\n`,
  );
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    console.error(
      `layerlab web: the port is already in use; set LAYERLAB_PORT to another one (or 0 for any free port).`,
    );
  else console.error(`layerlab web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
