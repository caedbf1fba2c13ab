/** One optimizer LayerLab can train with: everything the settings, the CLI and the engine need to know of it. */
export interface OptimizerDefinition {
  /** Its name in prose, e.g. "RMSprop". */
  label: string;
  /** One sentence for the settings' tooltip: what it does differently. */
  help: string;
  /** A usual first learning rate for it (Keras' default), offered as a hint. */
  defaultLearningRate: number;
  /**
   * Present when the optimizer has a momentum term: the coefficient the engine uses when the project leaves
   * `momentum` unset. The settings show a Momentum field only then.
   */
  defaultMomentum?: number;
  /** Nesterov accelerated gradient can be switched on (the settings show the Nesterov box). */
  nesterov?: boolean;
}

const OPTIMIZER_DEFINITIONS = {
  sgd: {
    label: 'SGD',
    help: 'Plain stochastic gradient descent: one fixed step size for every weight.',
    defaultLearningRate: 0.01,
  },
  momentum: {
    label: 'SGD with momentum',
    help: 'SGD that keeps a running direction, rolling through small bumps and narrow valleys faster.',
    defaultLearningRate: 0.01,
    defaultMomentum: 0.9,
    nesterov: true,
  },
  adagrad: {
    label: 'Adagrad',
    help: 'Per-weight step sizes that shrink for often-updated weights; good for sparse features, slows down over time.',
    defaultLearningRate: 0.01,
  },
  adadelta: {
    label: 'Adadelta',
    help: 'Adagrad without the ever-shrinking steps: uses a window of recent gradients, almost no learning rate to tune.',
    defaultLearningRate: 1,
  },
  rmsprop: {
    label: 'RMSprop',
    help: 'Divides each step by a running average of recent gradient sizes; robust on non-stationary problems.',
    defaultLearningRate: 0.001,
    // tfjs's rmsprop has a momentum term too; off unless the project sets it.
    defaultMomentum: 0,
  },
  adam: {
    label: 'Adam',
    help: 'RMSprop plus momentum, with bias correction; a strong default.',
    defaultLearningRate: 0.001,
  },
  adamax: {
    label: 'Adamax',
    help: 'Adam with the infinity norm; steadier with large or sparse gradients.',
    defaultLearningRate: 0.002,
  },
} satisfies Record<string, OptimizerDefinition>;

/** The optimizers' names as the project file, the CLI (`--optimizer`) and the engine spell them. */
export type OptimizerName = keyof typeof OPTIMIZER_DEFINITIONS;

/** Every optimizer, in the order the settings and `layerlab --help` list them. Add one here, then its engine line. */
export const OPTIMIZER_CATALOGUE: Readonly<Record<OptimizerName, OptimizerDefinition>> = OPTIMIZER_DEFINITIONS;

export const OPTIMIZERS = Object.keys(OPTIMIZER_CATALOGUE) as [OptimizerName, ...OptimizerName[]];
