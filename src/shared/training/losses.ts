/** One loss LayerLab can train with. */
export interface LossDefinition {
  /** What the settings show: the loss and what it suits. */
  label: string;
}

const LOSS_DEFINITIONS = {
  categoricalCrossentropy: { label: 'Categorical cross-entropy (classes, softmax output)' },
  meanSquaredError: { label: 'Mean squared error (regression, autoencoders)' },
  binaryCrossentropy: { label: 'Binary cross-entropy (independent yes/no outputs)' },
} satisfies Record<string, LossDefinition>;

/** The losses' names as the project file, the CLI (`--loss`) and tfjs spell them. */
export type LossName = keyof typeof LOSS_DEFINITIONS;

/** Every loss, in the order the settings and `layerlab --help` list them. Add one here, then its engine line. */
export const LOSS_CATALOGUE: Readonly<Record<LossName, LossDefinition>> = LOSS_DEFINITIONS;

export const LOSSES = Object.keys(LOSS_CATALOGUE) as [LossName, ...LossName[]];
