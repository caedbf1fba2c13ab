import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeFileName } from '../core/services/safe-file-name';
import { decodeBase64Piece, formatBytes, UploadReceiver } from './upload-receiver';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layerlab-upload-receiver-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (...values: number[]) => new Uint8Array(values);
const page = {};
const otherPage = {};

describe('UploadReceiver', () => {
  it('writes the pieces to a file of its own and hands it over complete', async () => {
    const uploads = new UploadReceiver({ dir, maxBytes: 100 });
    const id = await uploads.begin(page, '../../data set.csv', 5);
    await uploads.append(page, id, bytes(1, 2));
    await uploads.append(page, id, bytes(3, 4, 5));
    const file = await uploads.complete(page, id);
    expect(file.path.startsWith(file.dir)).toBe(true);
    expect(file.path.endsWith('data_set.csv')).toBe(true);
    expect([...readFileSync(file.path)]).toEqual([1, 2, 3, 4, 5]);
    expect(uploads.openCount).toBe(0);
  });

  it('keeps the pieces in order when they arrive before earlier writes finish', async () => {
    const uploads = new UploadReceiver({ dir, maxBytes: 1e6 });
    const piece = (i: number) => new Uint8Array(1000).fill(i);
    const id = await uploads.begin(page, 'x.npy', 50_000);
    await Promise.all(Array.from({ length: 50 }, (_, i) => uploads.append(page, id, piece(i))));
    const written = readFileSync((await uploads.complete(page, id)).path);
    for (let i = 0; i < 50; i++) expect(written[i * 1000]).toBe(i);
  });

  it('refuses a file over the limit before any byte, naming its size and the limit', async () => {
    const uploads = new UploadReceiver({ dir, maxBytes: 3_000_000 });
    await expect(uploads.begin(page, 'big.npz', 205_000_000)).rejects.toThrow(
      'big.npz is 205 MB; browser mode accepts data files up to 3.0 MB.',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('discards an upload that sends more than it announced, or finishes short', async () => {
    const uploads = new UploadReceiver({ dir, maxBytes: 100 });
    const long = await uploads.begin(page, 'a.csv', 2);
    await expect(uploads.append(page, long, bytes(1, 2, 3))).rejects.toThrow(/more than the 2 bytes it announced/);
    const short = await uploads.begin(page, 'b.csv', 4);
    await uploads.append(page, short, bytes(1));
    await expect(uploads.complete(page, short)).rejects.toThrow(/ended after 1 bytes of 4 bytes/);
    expect(readdirSync(dir)).toEqual([]);
    await expect(uploads.append(page, short, bytes(2))).rejects.toThrow(/no longer open/);
  });

  it('keeps each connection to its own uploads and deletes them when it goes away', async () => {
    const uploads = new UploadReceiver({ dir, maxBytes: 100 });
    const mine = await uploads.begin(page, 'a.csv', 3);
    await uploads.append(page, mine, bytes(1));
    await expect(uploads.append(otherPage, mine, bytes(2))).rejects.toThrow(/no longer open/);
    await uploads.abort(otherPage, mine);
    expect(uploads.openCount).toBe(1);
    const theirs = await uploads.begin(otherPage, 'b.csv', 1);
    await uploads.abortAll(page);
    expect(uploads.openCount).toBe(1);
    expect(readdirSync(dir)).toEqual([theirs]);
    await uploads.abortAll(otherPage);
  });

  it('limits how many uploads one connection keeps open', async () => {
    const uploads = new UploadReceiver({ dir, maxBytes: 100, maxOpenPerOwner: 2 });
    await uploads.begin(page, 'a', 1);
    await uploads.begin(page, 'b', 1);
    await expect(uploads.begin(page, 'c', 1)).rejects.toThrow(/Too many uploads/);
    await expect(uploads.begin(otherPage, 'c', 1)).resolves.toBeTruthy();
    await Promise.all([uploads.abortAll(page), uploads.abortAll(otherPage)]);
  });
});

describe('upload helpers', () => {
  it('makes safe file names', () => {
    expect(safeFileName('../../evil name.csv')).toBe('evil_name.csv');
    expect(safeFileName('C:\\Users\\x\\..\\data.npz')).toBe('data.npz');
    expect(safeFileName('...')).toBe('upload');
  });

  it('decodes only canonical base64 pieces', () => {
    expect([...decodeBase64Piece('AQID')]).toEqual([1, 2, 3]);
    expect([...decodeBase64Piece('AQ==')]).toEqual([1]);
    for (const bad of ['AQI', 'A!ID', 'AQ ID', 'AQ==AQ==', 'AR=='])
      expect(() => decodeBase64Piece(bad), bad).toThrow(/not valid base64/);
  });

  it('formats sizes as file managers do', () => {
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(205_000_000)).toBe('205 MB');
    expect(formatBytes(1_073_741_824)).toBe('1.07 GB');
  });
});
