import { randomUUID } from 'node:crypto';
import { zTrainingReply } from '../../shared/ipc/training-protocol';
import type { DatasetReader } from '../datasets/dataset-cache';
import { DatasetError } from '../datasets/dataset-error';
import { forkTrainingProcess, type ChildLike } from './training-host';

/**
 * Reads data sets in a process of their own (the training process entry, `describe` command), one process per read,
 * ended once it answered. The hosts (Electron main, the browser-mode server) describe and preview imports through
 * this, so a decompression bomb, a huge file or a slow parse costs that process, never the host's memory or event
 * loop, and the samples are gone from memory as soon as the preview is sent.
 */
export function createProcessDatasetReader(spawn: () => ChildLike = forkTrainingProcess): DatasetReader {
  return (ref, perClass, options) =>
    new Promise((resolve, reject) => {
      const child = spawn();
      const requestId = randomUUID();
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        child.kill();
        finish();
      };
      child.onMessage((raw) => {
        const reply = zTrainingReply.safeParse(raw);
        if (!reply.success || reply.data.requestId !== requestId) return;
        const answer = reply.data;
        if (answer.type === 'described') settle(() => resolve(answer.preview));
        else if (answer.type === 'describe-failed') {
          settle(() =>
            reject(
              answer.code === 'bad-input'
                ? new DatasetError(answer.message, answer.file, answer.publicMessage)
                : new Error(answer.message),
            ),
          );
        }
      });
      child.onExit((code, signal) => {
        const where = ref.kind === 'file' ? ref.path : `data set "${ref.id}"`;
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        settle(() =>
          reject(
            new DatasetError(
              `${where}: reading the data stopped: the process reading it ${how}, perhaps because the data needs more memory than this machine has.`,
              ref.kind === 'file' ? ref.path : undefined,
            ),
          ),
        );
      });
      child.postMessage({
        type: 'describe',
        requestId,
        dataset: ref,
        perClass,
        ...(options.maxMemoryMB === undefined ? {} : { maxMemoryMB: options.maxMemoryMB }),
      });
    });
}
