import type { JsonValue } from '../graph/model-graph';
import type { LayerConfig } from './layer-definition';

/*
 * Typed reads of a config that validate-config has already accepted. Shape rules and summaries run on such configs,
 * so these only narrow types; they fall back to neutral values instead of throwing if called on a raw config.
 */

export function numberOf(config: LayerConfig, key: string): number {
  const value = config[key];
  return typeof value === 'number' ? value : NaN;
}

export function stringOf(config: LayerConfig, key: string): string {
  const value = config[key];
  return typeof value === 'string' ? value : '';
}

export function booleanOf(config: LayerConfig, key: string): boolean {
  return config[key] === true;
}

export function shapeOf(config: LayerConfig, key: string): number[] {
  return asNumberList(config[key]) ?? [];
}

/** A [height, width] pair, or null for a nullable pair left unset (pool strides = pool size). */
export function pairOf(config: LayerConfig, key: string): [number, number] | null {
  const list = asNumberList(config[key]);
  return list && list.length === 2 ? [list[0], list[1]] : null;
}

function asNumberList(value: JsonValue | undefined): number[] | null {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'number')) return null;
  return value as number[];
}
