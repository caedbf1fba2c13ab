/**
 * Entry of the training process: an Electron utilityProcess in the app (`process.parentPort`), a
 * `child_process.fork` child in the CLI, the browser mode and tests (`process.send`). It parses every command with
 * zod, runs one TrainingRun at a time and posts TrainingEvents and export replies back.
 */
import * as tf from '@tensorflow/tfjs';
import {
  zTrainingCommand,
  type TrainingCommand,
  type TrainingProcessMessage,
} from '../../shared/ipc/training-protocol';
import { EngineError } from './engine-error';
import { TrainingRun } from './training-run';

interface ParentLink {
  post(message: TrainingProcessMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function connectToParent(): ParentLink {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort != null) {
    return {
      post: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  if (process.send != null) {
    // A dead parent would leave this process training for nobody.
    process.on('disconnect', () => process.exit(0));
    return { post: (message) => process.send!(message), onMessage: (listener) => process.on('message', listener) };
  }
  throw new Error('training-process must be started by a training host (fork or Electron utilityProcess)');
}

function main(): void {
  // tfjs's "looks like you are running in Node.js" banner is noise for users; the started event names the backend.
  tf.enableProdMode();
  const parent = connectToParent();
  // Ctrl-C in a terminal reaches the whole process group; the host decides (stop after the batch), not the signal.
  process.on('SIGINT', () => {});
  let run: TrainingRun | null = null;
  let running = false;

  parent.onMessage((raw) => {
    const parsed = zTrainingCommand.safeParse(raw);
    if (!parsed.success) {
      parent.post({ type: 'error', code: 'bad-input', message: `Malformed training command: ${parsed.error.message}` });
      return;
    }
    handle(parsed.data);
  });

  function handle(command: TrainingCommand): void {
    switch (command.type) {
      case 'start': {
        if (running) {
          parent.post({
            type: 'error',
            code: 'bad-input',
            message: 'A run is already in progress in this training process',
          });
          return;
        }
        run?.dispose();
        const current = new TrainingRun(command.request, (event) => parent.post(event));
        run = current;
        running = true;
        void current.run().finally(() => {
          running = false;
        });
        return;
      }
      case 'pause':
        run?.pause();
        return;
      case 'resume':
        run?.resume();
        return;
      case 'stop':
        run?.stop();
        return;
      case 'export': {
        const current = run;
        if (current == null) {
          parent.post({
            type: 'export-failed',
            requestId: command.requestId,
            code: 'bad-input',
            message: 'Nothing has been trained yet',
          });
          return;
        }
        current.exportTo(command.dir).then(
          () => parent.post({ type: 'exported', requestId: command.requestId, dir: command.dir }),
          (error: unknown) =>
            parent.post({
              type: 'export-failed',
              requestId: command.requestId,
              code: error instanceof EngineError ? error.code : 'internal',
              message: `Could not export the model to ${command.dir}: ${error instanceof Error ? error.message : String(error)}`,
            }),
        );
        return;
      }
      case 'inspect': {
        const { requestId } = command;
        if (run == null) {
          parent.post({
            type: 'inspect-failed',
            requestId,
            code: 'bad-input',
            message: 'Nothing has been trained yet',
          });
          return;
        }
        run.inspect(command.query).then(
          (result) => parent.post({ type: 'inspected', requestId, result }),
          (error: unknown) =>
            parent.post({
              type: 'inspect-failed',
              requestId,
              code: error instanceof EngineError ? error.code : 'internal',
              message: error instanceof Error ? error.message : String(error),
            }),
        );
        return;
      }
    }
  }
}

main();
