/**
 * Bytes as base64 text, for binary data that crosses JSON boundaries (the browser-mode WebSocket, project files) and
 * for packed arrays (views/packed-array.ts). `btoa`/`atob` exist in browsers and in Node ≥ 16.
 */
// From the string itself: a module-level call stays in every bundle that imports this file, the preload's too, so it
// uses nothing but the language (the preload test runs the bundle in a bare context).
const BASE64_CODES = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) =>
  c.charCodeAt(0),
);
const PAD = 61; // '='

/**
 * Standard base64 with padding. Written out rather than `btoa(String.fromCharCode(...))`: uploads encode a megabyte
 * per piece, and that route builds a binary string first (and is about 100 times slower in Node, where tests run).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = BASE64_CODES[n >>> 18];
    out[o++] = BASE64_CODES[(n >>> 12) & 63];
    out[o++] = BASE64_CODES[(n >>> 6) & 63];
    out[o++] = BASE64_CODES[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | (i + 1 < bytes.length ? bytes[i + 1] << 8 : 0);
    out[o++] = BASE64_CODES[n >>> 18];
    out[o++] = BASE64_CODES[(n >>> 12) & 63];
    out[o++] = i + 1 < bytes.length ? BASE64_CODES[(n >>> 6) & 63] : PAD;
    out[o++] = PAD;
  }
  // Pure ASCII, so decoding as UTF-8 is exact.
  return new TextDecoder().decode(out);
}

/** Throws a readable error for text that is not base64. */
export function base64ToBytes(base64: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new Error('not base64 data');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Length in bytes of the data `base64` decodes to, without decoding it. */
export function base64ByteLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}
