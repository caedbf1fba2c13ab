import { z } from 'zod';
import type { DatasetRef } from '../training/dataset';
import { invokeContract, returns, zExportModelRequest, type EventChannel, type EventMap } from './ipc-contract';

/**
 * Browser mode's WebSocket framing of the IPC contract. The browser client sends invokes; the server answers each by
 * id and pushes events. Besides the shared invoke channels there are two browser-only ones, because a web page has
 * no native dialogs: data files are uploaded, and the trained model comes back as a zip to download.
 */

/** Path of the WebSocket endpoint; the token rides in its query string as `?token=`. */
export const WEB_SOCKET_PATH = '/ws';
/** Largest WebSocket message either side accepts (uploads are base64 data files). */
export const WEB_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export const webInvokeContract = {
  /** A data file (npz, npy, csv, or a zip of class folders of images) uploaded from the browser. */
  'layerlab:web.uploadDataset': {
    request: z.object({
      name: z.string().min(1).max(255),
      /** The file's bytes, base64. */
      base64: z.string(),
    }),
    response: returns<DatasetRef>(),
  },
  /** A kept run's model as a zip (model.json + weights + project file + history.csv), named `name.zip`. */
  'layerlab:web.exportModel': {
    request: zExportModelRequest,
    response: returns<{ name: string; base64: string }>(),
  },
} as const;

/** Everything the browser-mode server answers: the shared invoke channels plus the browser-only ones. */
export const browserInvokeContract = { ...invokeContract, ...webInvokeContract } as const;

export type WebInvokeChannel = keyof typeof webInvokeContract;
export type AnyInvokeChannel = keyof typeof browserInvokeContract;
export type AnyInvokeResponse<C extends AnyInvokeChannel> = (typeof browserInvokeContract)[C]['response'];

export const zWebRequest = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string(),
  payload: z.unknown().optional(),
});
export type WebRequest = z.infer<typeof zWebRequest>;

export type WebResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string }
  | { [C in EventChannel]: { event: C; payload: EventMap[C] } }[EventChannel];
