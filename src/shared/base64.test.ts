import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';

describe('base64 for uploads', () => {
  it('matches the standard encoding for every length and byte value', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = bytesToBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
        expect([...base64ToBytes(encoded)]).toEqual([...bytes]);
      }),
      { seed: 14, numRuns: 500 },
    );
  });

  it('encodes a megabyte piece quickly', () => {
    const piece = new Uint8Array(1 << 20).map((_, i) => (i * 31) & 255);
    const start = performance.now();
    const encoded = bytesToBase64(piece);
    expect(encoded.length).toBe(Math.ceil(piece.length / 3) * 4);
    // btoa over a binary string took ~300 ms per piece in Node; the table encoder takes a few.
    expect(performance.now() - start).toBeLessThan(150);
  });
});
