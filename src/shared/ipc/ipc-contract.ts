import { z } from 'zod';
import { zCheckExerciseRequest } from '../exercises/check-request';
import type { ExerciseResult } from '../exercises/exercise-result';
import { EXPORT_FORMATS } from '../interop/export-formats';
import { zDatasetRef, type DatasetDescriptor, type DatasetRef } from '../training/dataset';
import type {
  DatasetPreview,
  DatasetReadLimits,
  ImportedModel,
  LayerLabApi,
  MenuCommand,
  MenuCommandDetail,
  OpenedProject,
} from './api';
import type { TrainingEvent } from './training-events';
import { zTrainConfig } from '../training/train-config';
import { zRunModel, zStartRunRequest, type StartRunResponse } from './training-protocol';
import { zViewQuery, type ViewResult } from '../views/view-queries';

/**
 * The one IPC contract between the renderer's host API and main (Electron IPC) or the web server (WebSocket).
 * Every channel starts with `layerlab:`; a host rejects anything else. Each invoke channel carries exactly one
 * payload, parsed with its zod schema on the receiving side, so a compromised or buggy renderer cannot hand main
 * anything the contract does not describe.
 */
export const CHANNEL_PREFIX = 'layerlab:';

const zNone = z.undefined();

/**
 * The memory limit a data read runs under, carried by each import, preview and describe request (validated like
 * TrainConfig.maxMemoryMB; absent means DEFAULT_MAX_MEMORY_MB). It is never session state in the host, so two
 * browser-mode tabs with different limits do not affect each other.
 */
export const zDatasetReadLimits = z.object({ maxMemoryMB: zTrainConfig.shape.maxMemoryMB });

/** The request fields for `limits`: none when the default applies. */
export function readLimits(limits: DatasetReadLimits | undefined): DatasetReadLimits {
  return limits?.maxMemoryMB === undefined ? {} : { maxMemoryMB: limits.maxMemoryMB };
}

/** Names a response type in the contract; the value only exists for the type checker. */
export function returns<T>(): T {
  return undefined as T;
}

/** Upper bound on project text crossing the boundary; far above any real graph, low enough to refuse garbage. */
const MAX_PROJECT_CHARS = 50_000_000;

export const zSaveProjectRequest = z.object({
  handle: z.string().min(1).nullable(),
  suggestedName: z.string().min(1).max(255),
  text: z.string().max(MAX_PROJECT_CHARS),
  saveAs: z.boolean().optional(),
});

export const zDirtyState = z.object({ unsavedChanges: z.boolean(), training: z.boolean() });

/**
 * Which finished run's model to export, the name to give the export (e.g. "cnn-run-2"), and the Export dialog's
 * choices. Without them it is what Export model… always wrote: TensorFlow.js with the trained weights, no data.
 */
export const zExportModelRequest = z.object({
  runId: z.string().min(1).max(100),
  name: z.string().min(1).max(120),
  format: z.enum(EXPORT_FORMATS).default('tfjs'),
  /** Write the run's data set beside the model as data.npz. */
  includeData: z.boolean().default(false),
  /** The weights the run trained; false exports freshly initialized ones (the code to train elsewhere). */
  includeWeights: z.boolean().default(true),
});
export type ExportModelRequest = z.infer<typeof zExportModelRequest>;

/** Request schemas and (type-only) responses of every invoke channel shared by both hosts. */
export const invokeContract = {
  'layerlab:training.start': { request: zStartRunRequest, response: returns<StartRunResponse>() },
  'layerlab:training.pause': { request: zNone, response: returns<void>() },
  'layerlab:training.resume': { request: zNone, response: returns<void>() },
  'layerlab:training.stop': { request: zNone, response: returns<void>() },
  'layerlab:training.exportModel': {
    request: zExportModelRequest,
    response: returns<{ saved: boolean; where?: string }>(),
  },
  /** A view of a run's model (weights, activations, boundary, samples of a matrix cell...): a reply, never an event. */
  'layerlab:views.query': {
    request: z.object({ runId: z.string().min(1).max(100), query: zViewQuery }),
    response: returns<ViewResult>(),
  },
  /** A finished run's saved weights loaded into the host's viewer process, answering `views.query` under the id. */
  'layerlab:views.open': { request: z.object({ run: zRunModel }), response: returns<{ runId: string }>() },
  'layerlab:views.close': { request: zNone, response: returns<void>() },
  'layerlab:datasets.list': { request: zNone, response: returns<DatasetDescriptor[]>() },
  'layerlab:datasets.describe': {
    request: zDatasetReadLimits.extend({ ref: zDatasetRef }),
    response: returns<DatasetDescriptor>(),
  },
  'layerlab:datasets.preview': {
    request: zDatasetReadLimits.extend({ ref: zDatasetRef, perClass: z.number().int().min(1).max(100) }),
    response: returns<DatasetPreview>(),
  },
  'layerlab:datasets.importFile': { request: zDatasetReadLimits, response: returns<DatasetRef | null>() },
  'layerlab:projects.open': { request: zNone, response: returns<OpenedProject | null>() },
  'layerlab:projects.openRecent': {
    request: z.object({ handle: z.string().min(1) }),
    response: returns<OpenedProject | null>(),
  },
  'layerlab:projects.save': {
    request: zSaveProjectRequest,
    response: returns<{ handle: string | null; name: string } | null>(),
  },
  /** Pick a TF.js or Keras model.json (native dialog) and read it as a new, unsaved project. Null if cancelled. */
  'layerlab:projects.importModel': { request: zNone, response: returns<ImportedModel | null>() },
  'layerlab:projects.recent': { request: zNone, response: returns<{ handle: string; name: string }[]>() },
  'layerlab:projects.writeAutosave': {
    request: z.object({ text: z.string().max(MAX_PROJECT_CHARS) }),
    response: returns<void>(),
  },
  'layerlab:projects.readAutosave': { request: zNone, response: returns<string | null>() },
  'layerlab:projects.clearAutosave': { request: zNone, response: returns<void>() },
  'layerlab:files.save': {
    request: z.object({
      suggestedName: z.string().min(1).max(255),
      /** The file's bytes, base64. */
      base64: z.string().max(MAX_PROJECT_CHARS),
    }),
    response: returns<{ saved: boolean; where?: string }>(),
  },
  'layerlab:exercises.check': { request: zCheckExerciseRequest, response: returns<ExerciseResult>() },
  'layerlab:exercises.stopCheck': { request: zNone, response: returns<void>() },
  'layerlab:exercises.openFile': { request: zNone, response: returns<{ name: string; text: string } | null>() },
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = (typeof invokeContract)[C]['response'];

export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[];

/** One-way messages from the renderer (Electron `send`): no reply, so a slow main never blocks the UI. */
export const sendContract = {
  'layerlab:app.setDirtyState': zDirtyState,
} as const;
export type SendChannel = keyof typeof sendContract;

/** One-way events from the host to the renderer. */
export interface EventMap {
  'layerlab:training.event': TrainingEvent & { runId: string };
  /** The running exercise check's training events, in order (the check's own process, not a Train run). */
  'layerlab:exercises.checkEvent': TrainingEvent;
  'layerlab:app.menuCommand': { command: MenuCommand; detail?: MenuCommandDetail };
}
export type EventChannel = keyof EventMap;
export const EVENT_CHANNELS: readonly EventChannel[] = [
  'layerlab:training.event',
  'layerlab:exercises.checkEvent',
  'layerlab:app.menuCommand',
];

/** One invoke channel: the zod schema its payload must match, and (type only) what it answers. */
export interface ContractEntry {
  request: z.ZodType;
  response: unknown;
}
export type Contract = Record<string, ContractEntry>;

/** Handlers keyed by channel, each receiving the already-parsed payload. */
export type HandlersFor<T extends Contract> = {
  -readonly [C in keyof T]: (request: z.output<T[C]['request']>) => Promise<T[C]['response']>;
};
export type InvokeHandlers = HandlersFor<typeof invokeContract>;

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return isContractChannel(invokeContract, channel);
}

export function isContractChannel<T extends Contract>(contract: T, channel: unknown): channel is keyof T & string {
  return typeof channel === 'string' && Object.prototype.hasOwnProperty.call(contract, channel);
}

/** Thrown (and sent back as an error) when a payload does not match its channel's schema. */
export class IpcPayloadError extends Error {
  constructor(
    readonly channel: string,
    message: string,
  ) {
    super(message);
    this.name = 'IpcPayloadError';
  }
}

/** Parse a payload against its channel's schema; the error lists every offending field by path. */
export function parseContractPayload<T extends Contract, C extends keyof T & string>(
  contract: T,
  channel: C,
  payload: unknown,
): z.output<T[C]['request']> {
  const result = contract[channel].request.safeParse(payload);
  if (!result.success) {
    const details = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`)
      .join('; ');
    throw new IpcPayloadError(channel, `Invalid payload for ${channel}: ${details}`);
  }
  return result.data as z.output<T[C]['request']>;
}

export function parseInvokePayload<C extends InvokeChannel>(
  channel: C,
  payload: unknown,
): z.output<(typeof invokeContract)[C]['request']> {
  return parseContractPayload(invokeContract, channel, payload);
}

/** The LayerLabApi methods that map one-to-one onto invoke channels, for hosts that build the API from a transport. */
export type Invoker = <C extends InvokeChannel>(channel: C, payload: InvokeRequest<C>) => Promise<InvokeResponse<C>>;

/**
 * Build the request/response half of LayerLabApi from an invoke function. Both the preload and the browser-mode
 * client use this, so the mapping from named actions to channels is written once.
 */
export function invokeApi(invoke: Invoker): {
  training: Omit<LayerLabApi['training'], 'onEvent'>;
  views: LayerLabApi['views'];
  datasets: LayerLabApi['datasets'];
  projects: LayerLabApi['projects'];
  files: LayerLabApi['files'];
  exercises: Omit<LayerLabApi['exercises'], 'onCheckEvent'>;
} {
  return {
    training: {
      start: (request) => invoke('layerlab:training.start', request),
      pause: () => invoke('layerlab:training.pause', undefined),
      resume: () => invoke('layerlab:training.resume', undefined),
      stop: () => invoke('layerlab:training.stop', undefined),
      exportModel: (request) => invoke('layerlab:training.exportModel', request),
    },
    views: {
      // The channel answers the union of results; the query's kind picks which one (the host answers that kind).
      query: (runId, query) => invoke('layerlab:views.query', { runId, query }) as never,
      open: (run) => invoke('layerlab:views.open', { run }),
      close: () => invoke('layerlab:views.close', undefined),
    },
    datasets: {
      list: () => invoke('layerlab:datasets.list', undefined),
      describe: (ref, limits) => invoke('layerlab:datasets.describe', { ref, ...readLimits(limits) }),
      preview: (ref, perClass, limits) => invoke('layerlab:datasets.preview', { ref, perClass, ...readLimits(limits) }),
      importFile: (limits) => invoke('layerlab:datasets.importFile', readLimits(limits)),
    },
    projects: {
      open: () => invoke('layerlab:projects.open', undefined),
      openRecent: (handle) => invoke('layerlab:projects.openRecent', { handle }),
      save: (request) => invoke('layerlab:projects.save', request),
      importModel: () => invoke('layerlab:projects.importModel', undefined),
      recent: () => invoke('layerlab:projects.recent', undefined),
      writeAutosave: (text) => invoke('layerlab:projects.writeAutosave', { text }),
      readAutosave: () => invoke('layerlab:projects.readAutosave', undefined),
      clearAutosave: () => invoke('layerlab:projects.clearAutosave', undefined),
    },
    files: {
      save: (request) => invoke('layerlab:files.save', request),
    },
    exercises: {
      check: (request) => invoke('layerlab:exercises.check', request),
      stopCheck: () => invoke('layerlab:exercises.stopCheck', undefined),
      openFile: () => invoke('layerlab:exercises.openFile', undefined),
    },
  };
}
