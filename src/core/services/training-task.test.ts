import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProjectFile } from '../../shared/graph/project-file';
import { trainingRequest } from '../../shared/ipc/training-protocol';
import { createTrainingHost, type HostedTrainingEvent } from '../engine/training-host';
import { createServices } from './create-services';
import { createDispatcher } from './dispatch';
import { unavailableDialogs } from './host-dialogs';
import { createInvokeHandlers } from './invoke-handlers';

const work = mkdtempSync(path.join(tmpdir(), 'layerlab-task-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The path a Train press takes in both hosts (Electron main and the browser-mode server): the project as the app
 * opened it, `trainingRequest`, the invoke channel with its payload schema, the shared handler table, the training
 * host and a real training process.
 */
describe('the task of a version-1 project, end to end', () => {
  it('trains XOR saved with mean squared error as a classifier: accuracy and a confusion matrix', async () => {
    const file = path.join(__dirname, '../../shared/graph/testing/v1-projects/xor-mse.layerlab.json');
    const parsed = parseProjectFile(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.migratedFrom).toBe(1);
    const project = parsed.project;
    expect(project.training.loss).toBe('meanSquaredError');

    const services = createServices({ userDataDir: path.join(work, 'user'), trainingHost: createTrainingHost() });
    try {
      const dispatch = createDispatcher(createInvokeHandlers({ ...services, dialogs: unavailableDialogs('tests') }));
      const events: HostedTrainingEvent[] = [];
      const finished = new Promise<HostedTrainingEvent>((resolve) =>
        services.training.onEvent((event) => {
          events.push(event);
          if (event.type === 'done' || event.type === 'error' || event.type === 'cancelled') resolve(event);
        }),
      );
      const request = trainingRequest({ ...project, training: { ...project.training, epochs: 3, backend: 'cpu' } });
      expect(request.task).toBe('classification');
      await dispatch('layerlab:training.start', request);
      const done = await finished;
      expect(done).toMatchObject({ type: 'done', metrics: { accuracy: expect.any(Number) } });
      if (done.type !== 'done') return;
      const started = events.find((event) => event.type === 'started');
      if (started?.type !== 'started') throw new Error('no started event');
      expect(done.confusionMatrix).toHaveLength(2);
      expect(done.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(started.valSize);
      expect(events.filter((event) => event.type === 'epoch').every((event) => event.accuracy !== null)).toBe(true);

      // The project written beside the model says what it learned, in the current format.
      const out = path.join(work, 'export');
      await services.training.exportModel(out);
      const exported = JSON.parse(readFileSync(path.join(out, 'project.layerlab.json'), 'utf8'));
      expect(exported).toMatchObject({ version: 2, task: 'classification' });
    } finally {
      services.dispose();
    }
  });
});
