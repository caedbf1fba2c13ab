import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deflatedRun, writeZip, writeZipBomb } from './test-support/hostile-files';
import { encodeZip } from './test-support/npy-writer';
import { unpackZipFolder } from './zip-folder';
import type { RandomAccess } from './zip-reader';

/** An archive held in memory, as the zip reader reads files. */
function bytesSource(bytes: Uint8Array): RandomAccess {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

const dir = mkdtempSync(join(tmpdir(), 'layerlab-zipfolder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file under `root`, relative, sorted. */
function filesUnder(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

describe('unpackZipFolder', () => {
  it('unpacks class folders and leaves macOS junk out', async () => {
    const zip = join(dir, 'ok.zip');
    writeZip(zip, {
      'set/a/1.png': Uint8Array.of(1, 2, 3),
      'set/b/2.png': Uint8Array.of(4),
      '__MACOSX/set/a/._1.png': Uint8Array.of(0),
      'set/.DS_Store': Uint8Array.of(0),
    });
    const out = join(dir, 'ok');
    await unpackZipFolder(bytesSource(readFileSync(zip)), out, 'ok.zip');
    expect(filesUnder(out)).toEqual(['set/a/1.png', 'set/b/2.png']);
    expect([...readFileSync(join(out, 'set/a/1.png'))]).toEqual([1, 2, 3]);
  });

  it('refuses a 1.5 MB zip that would unpack to 1.5 GB before writing a byte', async () => {
    // Before: fflate's unzipSync inflated everything in memory and wrote 1.5 GB to the temporary folder.
    const zip = join(dir, 'bomb.zip');
    writeZipBomb(zip, 1.5 * 1024 ** 3);
    const bytes = readFileSync(zip);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const out = join(dir, 'bomb');
    await expect(unpackZipFolder(bytesSource(bytes), out, 'bomb.zip')).rejects.toThrow(
      /bomb\.zip would unpack to 1\.5 GiB, more than 256 MiB for a 1\.\d MiB zip of images \(a zip bomb\?\)/,
    );
    expect(() => readdirSync(out)).toThrow(/ENOENT/);
  });

  it('stops an entry that inflates beyond the size its directory declares', async () => {
    const run = deflatedRun(new Uint8Array(0), 64 * 1024 * 1024);
    // 64 MiB of deflated zeros behind a directory that says 10 bytes.
    const liar = lyingZip(run.packed, 10);
    const out = join(dir, 'liar');
    await expect(unpackZipFolder(bytesSource(liar), out, 'liar.zip')).rejects.toThrow(
      /entry "set\/a\/x\.png" inflates to more than the 10 bytes the archive's directory declares/,
    );
  });

  it('refuses entries that would land outside the folder', async () => {
    const zip = encodeZip([{ name: '../escape.png', data: Uint8Array.of(1) }]);
    await expect(unpackZipFolder(bytesSource(zip), join(dir, 'slip'), 'slip.zip')).rejects.toThrow(
      /slip\.zip contains an unsafe entry name: \.\.\/escape\.png/,
    );
  });
});

/** A one-entry zip whose entry is `packed` (deflated) but whose headers claim `declared` bytes. */
function lyingZip(packed: Uint8Array, declared: number): Uint8Array {
  const name = new TextEncoder().encode('set/a/x.png');
  const local = new Uint8Array(30 + name.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, packed.length, true);
  lv.setUint32(22, declared, true);
  lv.setUint16(26, name.length, true);
  local.set(name, 30);
  const central = new Uint8Array(46 + name.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, packed.length, true);
  cv.setUint32(24, declared, true);
  cv.setUint16(28, name.length, true);
  central.set(name, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + packed.length, true);
  const out = new Uint8Array(local.length + packed.length + central.length + end.length);
  out.set(local);
  out.set(packed, local.length);
  out.set(central, local.length + packed.length);
  out.set(end, local.length + packed.length + central.length);
  return out;
}
