import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, createAppProtocolHandler } from './app-protocol';

const root = mkdtempSync(join(tmpdir(), 'layerlab-app-protocol-'));
const rendererDir = join(root, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>LayerLab</title>');
writeFileSync(join(rendererDir, 'assets', 'index.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const handle = createAppProtocolHandler({ rendererDir, csp: "default-src 'self'" });
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('serves the index with the CSP, and assets with their types', async () => {
    const page = await get(APP_INDEX_URL);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>LayerLab</title>');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = await get('app://layerlab/assets/index.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBeNull();
    expect((await get('app://layerlab/')).status).toBe(200);
    expect(await (await get(APP_INDEX_URL, 'HEAD')).text()).toBe('');
  });

  it.each([
    'app://layerlab/../secret.txt',
    'app://layerlab/assets/../../secret.txt',
    'app://layerlab/%2e%2e/secret.txt',
    'app://layerlab/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://layerlab/..%2fsecret.txt',
    'app://layerlab/%252e%252e/secret.txt',
    'app://layerlab/..%5csecret.txt',
    'app://layerlab/assets%5c..%5c..%5csecret.txt',
    `app://layerlab/${encodeURIComponent(join(root, 'secret.txt'))}`,
    'app://layerlab//etc/passwd',
    'app://layerlab/%2fetc%2fpasswd',
    'app://layerlab/index.html%00.js',
    'app://layerlab/assets',
    'app://layerlab/missing.js',
    'app://other/index.html',
    'app://layerlab.evil/index.html',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('refuses anything but GET and HEAD', async () => {
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
  });
});
