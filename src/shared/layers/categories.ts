/** A palette section: layers grouped by what they are for, each with its own colour on the canvas. */
export interface CategoryDefinition {
  id: string;
  /** The CSS custom property holding the category's colour in both themes (defined in the renderer's base.css). */
  colorVariable: `--${string}`;
}

/** The palette's sections, in display order. A layer definition names its category once; everything else derives. */
export const LAYER_CATEGORIES = [
  { id: 'Core', colorVariable: '--cat-core' },
  { id: 'Convolution', colorVariable: '--cat-convolution' },
  { id: 'Merge', colorVariable: '--cat-merge' },
  { id: 'Regularization', colorVariable: '--cat-regularization' },
] as const satisfies readonly CategoryDefinition[];

export type LayerCategory = (typeof LAYER_CATEGORIES)[number]['id'];

export function getCategory(id: LayerCategory): CategoryDefinition {
  return LAYER_CATEGORIES.find((category) => category.id === id) as CategoryDefinition;
}
