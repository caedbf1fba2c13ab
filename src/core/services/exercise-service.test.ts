import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getCourseExercise } from '../../shared/exercises/course';
import { serializeExercise } from '../../shared/exercises/exercise-file';
import { CHECK_STOPPED_MESSAGE } from '../../shared/ipc/api';
import { invokeContract, parseInvokePayload } from '../../shared/ipc/ipc-contract';
import { MAX_EXERCISE_FILE_BYTES } from '../exercises/read-files';
import { classifierRun, scriptedHost } from '../exercises/testing/scripted-host';
import { CheckBusyError, createExerciseService } from './exercise-service';

const XOR = getCourseExercise('xor')!;
const START = { graph: XOR.start.graph, training: XOR.start.training };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('exercise service', () => {
  it('checks through a training host of its own, one check at a time, and judges what the run measured', async () => {
    const log = { requests: [], disposed: 0 };
    const service = createExerciseService({
      createHost: scriptedHost(
        (request) =>
          classifierRun(request, {
            accuracy: 0.5,
            valAccuracy: 0.5,
            confusionMatrix: [
              [25, 25],
              [25, 25],
            ],
            classNames: ['a', 'b'],
          }),
        log,
      ),
    });
    const first = service.check({ exercise: XOR, submission: START });
    await expect(service.check({ exercise: XOR, submission: START })).rejects.toBeInstanceOf(CheckBusyError);
    const result = await first;
    expect(result.passed).toBe(false);
    expect(result.criteria.find((c) => c.id === 'val-accuracy-min')).toMatchObject({ passed: false, measured: 0.5 });
    expect([log.requests.length, log.disposed]).toEqual([1, 1]);
    // The next check may start once the first has ended.
    await expect(service.check({ exercise: XOR, submission: START })).resolves.toMatchObject({ exercise: 'xor' });
  });

  it("passes the check's training events on, in order, to its listeners while the check runs", async () => {
    const service = createExerciseService({
      createHost: scriptedHost((request) =>
        classifierRun(request, {
          accuracy: 0.9,
          valAccuracy: 0.9,
          confusionMatrix: [
            [45, 5],
            [5, 45],
          ],
          classNames: ['a', 'b'],
        }),
      ),
    });
    const seen: string[] = [];
    const unsubscribe = service.onEvent((event) => seen.push(event.type));
    await service.check({ exercise: XOR, submission: START });
    expect(seen).toEqual(['started', 'done']);
    unsubscribe();
    await service.check({ exercise: XOR, submission: START });
    expect(seen).toHaveLength(2);
  });

  it('stops a running check when asked, or when disposed, ending its training process', async () => {
    const log = { requests: [], disposed: 0 };
    const service = createExerciseService({ createHost: scriptedHost(() => [], log) });
    const stopped = service.check({ exercise: XOR, submission: START });
    service.stop();
    await expect(stopped).rejects.toThrow(CHECK_STOPPED_MESSAGE);
    expect(log.disposed).toBe(1);
    const closing = service.check({ exercise: XOR, submission: START });
    service.dispose();
    await expect(closing).rejects.toThrow('LayerLab is closing');
    expect(log.disposed).toBe(2);
  });

  it('reads an exercise file as text, and refuses one too big to be an exercise without reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerlab-exercise-'));
    dirs.push(dir);
    const service = createExerciseService();
    writeFileSync(join(dir, 'xor.layerlab-exercise.json'), serializeExercise(XOR));
    expect(await service.readFile(join(dir, 'xor.layerlab-exercise.json'))).toEqual({
      name: 'xor.layerlab-exercise.json',
      text: serializeExercise(XOR),
    });
    writeFileSync(join(dir, 'big.json'), Buffer.alloc(MAX_EXERCISE_FILE_BYTES + 1, 32));
    await expect(service.readFile(join(dir, 'big.json'))).rejects.toThrow(/too big for an exercise file/);
  });

  it('parses the check channel’s payload: an exercise that breaks its own rules never reaches the engine', () => {
    expect(Object.keys(invokeContract)).toContain('layerlab:exercises.check');
    const broken = { ...XOR, dataset: { kind: 'file', path: '/etc/passwd' } };
    expect(() => parseInvokePayload('layerlab:exercises.check', { exercise: broken, submission: START })).toThrow(
      /exercise\.dataset/,
    );
    expect(parseInvokePayload('layerlab:exercises.check', { exercise: XOR, submission: START }).exercise).toEqual(XOR);
  });
});
