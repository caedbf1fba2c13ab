import type { CSSProperties } from 'react';
import type { LayerKind } from '../../../shared/graph/model-graph';
import { getLayerDefinition } from '../../../shared/layers/catalogue';
import { getCategory } from '../../../shared/layers/categories';

/** A kind's colour: its category's CSS variable (themed in base.css), e.g. `var(--cat-core)`. */
export function kindColor(kind: LayerKind): string {
  return `var(${getCategory(getLayerDefinition(kind).category).colorVariable})`;
}

/** Gives an element its kind's colour as `--kind-color`, which the card border and the palette swatch use. */
export function kindColorStyle(kind: LayerKind): CSSProperties {
  return { '--kind-color': kindColor(kind) } as CSSProperties;
}
