import type { JsonValue, LayerKind, Shape } from '../graph/model-graph';

export type LayerCategory = 'Core' | 'Convolution' | 'Merge' | 'Regularization';

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

/** Result of a layer's shape rule: the output shape, or why there is none. */
export type ShapeResult = { ok: true; shape: Shape } | { ok: false; code: string; message: string };

export interface LayerDefinition {
  kind: LayerKind;
  displayName: string;
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
}
