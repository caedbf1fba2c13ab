import { z } from 'zod';
import type { DatasetRef } from '../training/dataset';
import type { EventChannel, EventMap, InvokeChannel, InvokeResponse } from './ipc-contract';

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
  'layerlab:web.uploadDataset': z.object({
    name: z.string().min(1).max(255),
    /** The file's bytes, base64. */
    base64: z.string(),
  }),
  /** The last run's model as a zip (model.json + weights + project file + history.csv). */
  'layerlab:web.exportModel': z.undefined(),
} as const;

export type WebInvokeChannel = keyof typeof webInvokeContract;
export interface WebInvokeResponses {
  'layerlab:web.uploadDataset': DatasetRef;
  'layerlab:web.exportModel': { name: string; base64: string };
}

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

export type AnyInvokeChannel = InvokeChannel | WebInvokeChannel;
export type AnyInvokeResponse<C extends AnyInvokeChannel> = C extends InvokeChannel
  ? InvokeResponse<C>
  : C extends WebInvokeChannel
    ? WebInvokeResponses[C]
    : never;
