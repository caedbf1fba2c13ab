import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error';
import { encodeZip } from './test-support/npy-writer';
import { crc32, readZipDirectory, readZipEntry, type RandomAccess } from './zip-reader';

function memory(bytes: Uint8Array): RandomAccess {
  return { size: bytes.length, read: async (offset, length) => bytes.slice(offset, offset + length) };
}

const text = (s: string) => new TextEncoder().encode(s);

describe('zip reader', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
  });

  it.each([
    ['stored', 0, false],
    ['deflated', 8, false],
    ['ZIP64 stored', 0, true],
    ['ZIP64 deflated', 8, true],
  ] as const)('reads %s entries', async (_label, method, zip64) => {
    const big = text('abc'.repeat(1000));
    const zip = encodeZip(
      [
        { name: 'a.npy', data: text('hello'), method },
        { name: 'b.npy', data: big, method },
      ],
      { zip64 },
    );
    const entries = await readZipDirectory(memory(zip), 'f.npz');
    expect(entries.map((e) => e.name)).toEqual(['a.npy', 'b.npy']);
    expect(new TextDecoder().decode(await readZipEntry(memory(zip), entries[0], 'f.npz'))).toBe('hello');
    expect(await readZipEntry(memory(zip), entries[1], 'f.npz')).toEqual(big);
  });

  it('rejects a truncated archive', async () => {
    const zip = encodeZip([{ name: 'a.npy', data: text('hello world') }]);
    await expect(readZipDirectory(memory(zip.subarray(0, zip.length - 30)), 'f.npz')).rejects.toThrow(
      /f\.npz: not a valid \.npz/,
    );
    await expect(readZipDirectory(memory(zip.subarray(0, 10)), 'f.npz')).rejects.toThrow(DatasetError);
  });

  it('detects corrupt entry data by CRC', async () => {
    const zip = encodeZip([{ name: 'a.npy', data: text('hello world') }]);
    const entries = await readZipDirectory(memory(zip), 'f.npz');
    const broken = zip.slice();
    broken[30 + 'a.npy'.length + 2] ^= 0xff;
    await expect(readZipEntry(memory(broken), entries[0], 'f.npz')).rejects.toThrow(
      /f\.npz: entry "a\.npy" is corrupt \(CRC mismatch\)/,
    );
  });

  it('refuses an entry whose declared size is huge before allocating it', async () => {
    const zip = encodeZip([{ name: 'a.npy', data: text('hello'), method: 8 }]);
    const [entry] = await readZipDirectory(memory(zip), 'f.npz');
    await expect(readZipEntry(memory(zip), { ...entry, uncompressedSize: 3 * 1024 ** 3 }, 'f.npz')).rejects.toThrow(
      /would inflate to 3\.00 GiB/,
    );
  });

  it('reports undecodable deflate data', async () => {
    const zip = encodeZip([{ name: 'a.npy', data: text('hello world hello world'), method: 8 }]);
    const entries = await readZipDirectory(memory(zip), 'f.npz');
    const broken = zip.slice();
    for (let i = 0; i < entries[0].compressedSize; i++) broken[30 + 5 + i] = 0xff;
    await expect(readZipEntry(memory(broken), entries[0], 'f.npz')).rejects.toThrow(/entry "a\.npy"/);
  });
});
