import { WEB_MAX_MESSAGE_BYTES } from '../../shared/ipc/web-protocol';
import { closePayload, type FrameSpec } from './raw-websocket';

/**
 * Malformed client traffic the browser-mode server must survive (each ends that one connection), with the close
 * code RFC 6455 asks for: the resilience test sends each once, `npm run hostile` sends them among its fuzzed frames.
 */
export const text = (s: string) => new TextEncoder().encode(s);
const INVALID_UTF8 = new Uint8Array([0x7b, 0xc3, 0x28, 0xff, 0xfe]);

/** Each kind of malformed client traffic, the frames that carry it, and the close code RFC 6455 asks for. */
export const MALFORMED: { kind: string; frames: FrameSpec[]; closeCode: number }[] = [
  { kind: 'text frame with invalid UTF-8', frames: [{ opcode: 0x1, payload: INVALID_UTF8 }], closeCode: 1007 },
  {
    kind: 'invalid UTF-8 split across fragments',
    frames: [
      { opcode: 0x1, fin: false, payload: new Uint8Array([0x7b, 0xe2, 0x82]) },
      { opcode: 0x0, payload: new Uint8Array([0x28]) },
    ],
    closeCode: 1007,
  },
  { kind: 'unmasked client frame', frames: [{ opcode: 0x1, payload: text('{}'), mask: false }], closeCode: 1002 },
  { kind: 'reserved data opcode 0x3', frames: [{ opcode: 0x3, payload: text('x') }], closeCode: 1002 },
  { kind: 'reserved control opcode 0xB', frames: [{ opcode: 0xb }], closeCode: 1002 },
  {
    kind: 'RSV1 without a negotiated extension',
    frames: [{ opcode: 0x1, rsv: 4, payload: text('{}') }],
    closeCode: 1002,
  },
  { kind: 'RSV2 set', frames: [{ opcode: 0x1, rsv: 2, payload: text('{}') }], closeCode: 1002 },
  { kind: 'RSV3 set', frames: [{ opcode: 0x2, rsv: 1, payload: text('{}') }], closeCode: 1002 },
  {
    kind: 'close code 999 (below the valid range)',
    frames: [{ opcode: 0x8, payload: closePayload(999) }],
    closeCode: 1002,
  },
  { kind: 'close code 1005 (reserved)', frames: [{ opcode: 0x8, payload: closePayload(1005) }], closeCode: 1002 },
  { kind: 'close code 5000 (unassigned)', frames: [{ opcode: 0x8, payload: closePayload(5000) }], closeCode: 1002 },
  { kind: 'close frame with a 1-byte body', frames: [{ opcode: 0x8, payload: new Uint8Array([3]) }], closeCode: 1002 },
  {
    kind: 'close reason with invalid UTF-8',
    frames: [{ opcode: 0x8, payload: closePayload(1000, INVALID_UTF8) }],
    closeCode: 1007,
  },
  { kind: 'ping longer than 125 bytes', frames: [{ opcode: 0x9, payload: new Uint8Array(126) }], closeCode: 1002 },
  { kind: 'fragmented ping', frames: [{ opcode: 0x9, fin: false, payload: text('p') }], closeCode: 1002 },
  { kind: 'continuation without a start', frames: [{ opcode: 0x0, payload: text('x') }], closeCode: 1002 },
  {
    kind: 'new message inside a fragmented one',
    frames: [
      { opcode: 0x1, fin: false, payload: text('{"a":') },
      { opcode: 0x1, payload: text('1}') },
    ],
    closeCode: 1002,
  },
  {
    kind: 'message over the size limit',
    frames: [{ opcode: 0x1, announcedLength: BigInt(WEB_MAX_MESSAGE_BYTES + 1), payload: text('{') }],
    closeCode: 1009,
  },
  {
    kind: 'fragments adding up to more than the size limit',
    frames: [
      { opcode: 0x1, fin: false, payload: text('{"x":"') },
      { opcode: 0x0, announcedLength: BigInt(WEB_MAX_MESSAGE_BYTES), payload: text('a') },
    ],
    closeCode: 1009,
  },
  {
    kind: 'payload length above 2^53 - 1',
    frames: [{ opcode: 0x2, announcedLength: 2n ** 63n + 5n }],
    closeCode: 1009,
  },
  {
    kind: 'a message in 20,000 one-byte fragments',
    frames: [
      { opcode: 0x1, fin: false, payload: text('"') },
      ...Array.from({ length: 20_000 }, () => ({ opcode: 0x0, fin: false, payload: text('a') })),
    ],
    closeCode: 1008,
  },
];
