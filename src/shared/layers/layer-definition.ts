import type { JsonValue, Shape } from '../graph/model-graph';
import type { ShapeProblemCode } from '../graph/problems';
import type { LayerCategory } from './categories';

export type { LayerCategory } from './categories';

/** One field of a layer's config form; drives the inspector, validation and defaults. */
export type ConfigField =
  | { key: string; label: string; type: 'int'; default: number; min?: number; max?: number; help: string }
  | {
      key: string;
      label: string;
      type: 'float';
      default: number;
      min?: number;
      max?: number;
      /** True when `max` itself is not allowed (Dropout's rate < 1). */
      maxExclusive?: boolean;
      minExclusive?: boolean;
      help: string;
    }
  | { key: string; label: string; type: 'enum'; default: string; choices: readonly string[]; help: string }
  | { key: string; label: string; type: 'bool'; default: boolean; help: string }
  /** A list of positive integers, e.g. Input's shape or Reshape's targetShape. */
  | { key: string; label: string; type: 'shape'; default: number[]; help: string }
  /** [height, width], e.g. kernelSize or strides; `nullable` lets pool strides default to the pool size. */
  | {
      key: string;
      label: string;
      type: 'pair';
      default: [number, number] | null;
      nullable?: boolean;
      min?: number;
      help: string;
    };

export type LayerConfig = Record<string, JsonValue>;

/**
 * A layer that makes a refused input acceptable, inserted right before the refusing node: what the editor offers as a
 * one-click fix (and what the random test graphs insert).
 */
export type ShapeRepair = { type: 'insert-flatten' } | { type: 'insert-reshape'; targetShape: Shape };

/** Result of a layer's shape rule: the output shape, or why there is none (and the repair, when one fits). */
export type ShapeResult =
  { ok: true; shape: Shape } | { ok: false; code: ShapeProblemCode; message: string; repair?: ShapeRepair };

/** Everything LayerLab knows of one layer kind; `K` is the kind's name, e.g. 'Dense'. */
export interface LayerDefinition<K extends string = string> {
  kind: K;
  displayName: string;
  /** The palette section and the card colour; stated here only. */
  category: LayerCategory;
  fields: readonly ConfigField[];
  /** Number of incoming edges: Input 0..0, single-input layers 1..1, merges 2..Infinity. */
  inputs: { min: number; max: number };
  /** One plain-language paragraph: what the layer computes and when to use it. */
  explanation: string;
  /** The formula in plain text, for the course's layers (e.g. "y_i = e^{z_i} / Σ_j e^{z_j}"). */
  formula?: string;
  /** Output shape from input shapes (batch axis left out) and a config already filled with defaults. */
  outputShape(inputs: Shape[], config: LayerConfig): ShapeResult;
  /** Trainable + non-trainable parameter count, matching tfjs `countParams()`. */
  paramCount(inputs: Shape[], config: LayerConfig): { trainable: number; nonTrainable: number };
  /** Key settings for the node card, e.g. "128 · relu" or "4 × 5×5 same". */
  summary(config: LayerConfig): string;
  /**
   * The output always has the input's shape (element-wise layers: activations, dropout, noise, normalization).
   * The class-count check looks through such layers for the one that sets the size; residual test graphs use them.
   */
  keepsShape?: boolean;
  /** The config field whose value is the output's (last) size, e.g. 'units': the field a class-count fix sets. */
  unitsField?: string;
}

/** A layer definition with its kind kept as a literal type, so the catalogue can derive the LayerKind union. */
export function defineLayer<K extends string>(definition: LayerDefinition<K>): LayerDefinition<K> {
  return definition;
}
