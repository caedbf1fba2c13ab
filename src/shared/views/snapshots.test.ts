import { describe, expect, it } from 'vitest';
import { packBytes, packFloats, packScaled } from './packed-array';
import { capSnapshots, snapshotSize, type EpochSnapshot } from './snapshots';

function snapshot(epoch: number): EpochSnapshot {
  return {
    epoch,
    loss: 1 / epoch,
    accuracy: 0.5,
    valLoss: 1,
    valAccuracy: 0.5,
    confusionMatrix: [
      [5, 1],
      [2, 4],
    ],
    boundary: {
      extent: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
      classes: packBytes(new Uint8Array(32 * 32), [32, 32]),
      confidence: packScaled(new Float32Array(32 * 32), [32, 32], [0, 1]),
    },
    weights: { layer: 'dense-1', values: packFloats(new Float32Array(2000), [1000, 2]) },
  };
}

describe('capSnapshots', () => {
  const all = Array.from({ length: 10 }, (_, i) => snapshot(i + 1));
  const total = all.reduce((sum, s) => sum + snapshotSize(s), 0);

  it('leaves snapshots within the cap as they are', () => {
    expect(capSnapshots(all, total)).toBe(all);
  });

  it('drops the oldest weights first, then the oldest grids, never the metrics', () => {
    const withoutThreeWeights = total - 3 * (snapshotSize(all[0]) - snapshotSize({ ...all[0], weights: undefined }));
    const capped = capSnapshots(all, withoutThreeWeights);
    expect(capped.map((s) => s.weights !== undefined)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(capped.every((s) => s.boundary !== undefined)).toBe(true);
    expect(capped.reduce((sum, s) => sum + snapshotSize(s), 0)).toBeLessThanOrEqual(withoutThreeWeights);

    const tiny = capSnapshots(all, 1);
    expect(tiny.every((s) => s.weights === undefined && s.boundary === undefined)).toBe(true);
    expect(tiny.map((s) => [s.epoch, s.loss, s.confusionMatrix])).toEqual(
      all.map((s) => [s.epoch, s.loss, s.confusionMatrix]),
    );
    // The input is never modified.
    expect(all.every((s) => s.weights !== undefined)).toBe(true);
  });
});
