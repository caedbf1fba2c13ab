import { z } from 'zod';
import type { DatasetRef } from '../training/dataset';
import type { ImportedModel } from './api';
import {
  invokeContract,
  returns,
  zDatasetReadLimits,
  zExportModelRequest,
  type EventChannel,
  type EventMap,
} from './ipc-contract';

/**
 * Browser mode's WebSocket framing of the IPC contract. The browser client sends invokes; the server answers each by
 * id and pushes events. Besides the shared invoke channels there are browser-only ones, because a web page has
 * no native dialogs: data files are uploaded, and the trained model comes back as a zip to download.
 */

/** Path of the WebSocket endpoint; the token rides in its query string as `?token=`. */
export const WEB_SOCKET_PATH = '/ws';
/**
 * Largest WebSocket message the server accepts. The biggest legitimate one is a project's text (autosave); data
 * files never travel in one message but in pieces of WEB_UPLOAD_CHUNK_BYTES.
 */
export const WEB_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** Bytes of an uploaded file per message (sent base64, so about 1.4 MB of text each). */
export const WEB_UPLOAD_CHUNK_BYTES = 1024 * 1024;

const zUploadId = z.string().min(1).max(64);

export const webInvokeContract = {
  /**
   * Announce an upload of a data file (npz, npy, csv, or a zip of class folders of images) from the browser. The
   * server refuses files over its limit here, before any byte is sent.
   */
  'layerlab:web.uploadBegin': {
    request: z.object({
      name: z.string().min(1).max(255),
      /** The file's size in bytes. */
      size: z.number().int().nonnegative(),
    }),
    response: returns<{ uploadId: string }>(),
  },
  /** The next piece of an upload, in order, at most WEB_UPLOAD_CHUNK_BYTES. */
  'layerlab:web.uploadChunk': {
    request: z.object({
      uploadId: zUploadId,
      /** The bytes, base64 (checked by the server when it decodes them). */
      base64: z.string().max(Math.ceil(WEB_UPLOAD_CHUNK_BYTES / 3) * 4),
    }),
    response: returns<void>(),
  },
  /** All pieces sent: the server checks the file can be read as a data set and returns a ref to it. */
  'layerlab:web.uploadFinish': {
    request: zDatasetReadLimits.extend({ uploadId: zUploadId }),
    response: returns<DatasetRef>(),
  },
  /** The page gave up on an upload (the file could not be read); the server deletes what it received. */
  'layerlab:web.uploadAbort': { request: z.object({ uploadId: zUploadId }), response: returns<void>() },
  /**
   * Open model…: the uploads (finished pieces, not yet finished with uploadFinish) of a model.json, first, and the
   * files picked with it (a project.layerlab.json beside it gives the training settings); read as a project.
   */
  'layerlab:web.importModel': {
    request: z.object({ uploadIds: z.array(zUploadId).min(1).max(4) }),
    response: returns<ImportedModel>(),
  },
  /** A kept run's export as a zip (the chosen format's files, project file, history.csv), named `name.zip`. */
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
