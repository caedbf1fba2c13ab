import { describe, expect, it } from 'vitest';
import { OPTIMIZER_CATALOGUE, OPTIMIZERS } from '../../shared/training/optimizers';
import { DEFAULT_TRAIN_CONFIG } from '../../shared/training/train-config';
import { createOptimizer } from './optimizer';

describe('createOptimizer', () => {
  it('builds every optimizer of the catalogue with the configured learning rate', () => {
    for (const name of OPTIMIZERS) {
      const optimizer = createOptimizer({ ...DEFAULT_TRAIN_CONFIG, optimizer: name, learningRate: 0.123 });
      expect(optimizer.getConfig().learningRate, name).toBe(0.123);
      optimizer.dispose();
    }
  });

  it("uses the catalogue's momentum when the project leaves it unset, and the project's when set", () => {
    for (const name of OPTIMIZERS) {
      const { defaultMomentum } = OPTIMIZER_CATALOGUE[name];
      if (defaultMomentum === undefined) continue;
      const unset = createOptimizer({ ...DEFAULT_TRAIN_CONFIG, optimizer: name });
      expect(unset.getConfig().momentum, name).toBe(defaultMomentum);
      const set = createOptimizer({ ...DEFAULT_TRAIN_CONFIG, optimizer: name, momentum: 0.5 });
      expect(set.getConfig().momentum, name).toBe(0.5);
    }
  });

  it('switches Nesterov on only where the catalogue offers it (tfjs has it for momentum only)', () => {
    const nesterov = createOptimizer({ ...DEFAULT_TRAIN_CONFIG, optimizer: 'momentum', nesterov: true });
    expect(nesterov.getConfig().useNesterov).toBe(true);
    expect(createOptimizer({ ...DEFAULT_TRAIN_CONFIG, optimizer: 'momentum' }).getConfig().useNesterov).toBe(false);
    expect(OPTIMIZERS.filter((name) => OPTIMIZER_CATALOGUE[name].nesterov)).toEqual(['momentum']);
  });
});
