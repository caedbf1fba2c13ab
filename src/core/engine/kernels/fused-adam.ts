import * as tf from '@tensorflow/tfjs';
import { float32Values, type CpuBackend } from './cpu-tensor';
import { fastKernelsActive } from './registry';
import { kernelsFor } from './resident-tensors';
import type { KernelScope } from './wasm/wasm-kernels';

/** The AdamOptimizer state tfjs keeps private. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
}

const f = Math.fround;

type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

/**
 * tfjs's Adam with the per-variable update done in one SIMD pass (WebAssembly) when LayerLab's CPU kernels run.
 * Stock Adam spends 13 tensor ops per variable on the update (each allocating a full-size result): for the
 * 1296×128 weight of the feed-forward net that is most of a training step. Every value is rounded to float32
 * exactly where stock rounds it, in stock's order, so the moments and weights equal stock's bit for bit; on any
 * other backend, or for non-float32 variables, it is stock Adam.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: VariableGradients): void {
    const backend = tf.backend() as unknown as CpuBackend;
    const w = tf.getBackend() === 'cpu' && fastKernelsActive() ? kernelsFor(backend) : null;
    if (w == null) {
      super.applyGradients(variableGradients);
      return;
    }
    const entries = Array.isArray(variableGradients)
      ? variableGradients.map((v) => [v.name, v.tensor] as const)
      : Object.entries(variableGradients);
    const registered = tf.engine().registeredVariables;
    const fused = entries.every(([name, g]) => {
      const value = registered[name];
      return (
        value != null &&
        (g == null || (float32Values(backend, g) != null && g.size === value.size)) &&
        float32Values(backend, value) != null
      );
    });
    if (!fused) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const beta1 = f(this.beta1);
    const beta2 = f(this.beta2);
    const oneMinusBeta1 = f(1 - this.beta1);
    const oneMinusBeta2 = f(1 - this.beta2);
    const epsilon = f(this.epsilon);
    const negLr = f(-this.learningRate);
    const oneMinusAccBeta1 = f(1 - state.accBeta1.dataSync()[0]);
    const oneMinusAccBeta2 = f(1 - state.accBeta2.dataSync()[0]);
    entries.forEach(([name, gradient], i) => {
      const value = registered[name];
      state.accumulatedFirstMoment[i] ??= {
        originalName: `${name}/m`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
      };
      state.accumulatedSecondMoment[i] ??= {
        originalName: `${name}/v`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
      };
      if (gradient == null) return;
      const firstMoment = state.accumulatedFirstMoment[i]!.variable;
      const secondMoment = state.accumulatedSecondMoment[i]!.variable;
      const n = value.size;
      const constants = [
        beta1,
        beta2,
        oneMinusBeta1,
        oneMinusBeta2,
        oneMinusAccBeta1,
        oneMinusAccBeta2,
        epsilon,
        negLr,
      ];
      w.scope((s) => {
        const g = s.input(float32Values(backend, gradient)!);
        const [m, v, x] = [firstMoment, secondMoment, value].map((variable) => updatable(s, backend, variable));
        w.run('adam', [n, g, m.at, v.at, x.at, ...constants], 16 * n);
        for (const [variable, target] of [
          [firstMoment, m],
          [secondMoment, v],
          [value, x],
        ] as const) {
          if (target.replacement != null) assignValues(backend, variable, target.replacement);
        }
      });
    });
    tf.tidy(() => {
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}

/**
 * Where Adam writes a variable's new values: in place when they live in the kernels' memory and no other tensor
 * shares them (the variable alone sees the change, as with stock's assign; from the second step on this is every
 * variable); else into a new block, copied from the current values, that replaces them after the step.
 */
function updatable(
  s: KernelScope,
  backend: CpuBackend,
  variable: tf.Variable,
): { at: number; replacement: Float32Array | null } {
  const values = float32Values(backend, variable)!;
  if (s.w.holds(values) && backend.refCount(variable.dataId) === 1) return { at: values.byteOffset, replacement: null };
  const replacement = s.output(values.length);
  replacement.set(values);
  return { at: replacement.byteOffset, replacement };
}

function assignValues(backend: CpuBackend, variable: tf.Variable, values: Float32Array): void {
  const t = tf.engine().makeTensorFromTensorInfo(backend.makeTensorInfo(variable.shape, 'float32', values));
  variable.assign(t);
  t.dispose();
}
