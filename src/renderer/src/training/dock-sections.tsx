import type { ComponentType, ReactNode } from 'react';
import { VIEW_RULES, type ViewSubject } from '../../../shared/views/view-availability';
import { ActivationsView } from '../views/activations-view';
import { BoundaryView } from '../views/boundary-view';
import { CompareView } from '../views/compare-view';
import { FeatureMapsView } from '../views/feature-maps-view';
import { GradientsView } from '../views/gradients-view';
import { ReconstructionView } from '../views/reconstruction-view';
import { ReplayView } from '../views/replay-view';
import { TryItView } from '../views/try-it-view';
import type { RunViewProps } from '../views/view-props';
import { WeightsView } from '../views/weights-view';
import { ConfusionMatrix } from './confusion-matrix';
import { CHART_MIN_WIDTH } from './metrics-chart';
import { AccuracyChart, LossChart } from './run-charts';
import { RunsSection } from './runs-section';
import { SetupSection } from './setup-section';
import type { RunRecord } from './training-session';

/**
 * What every section of the training dock gets: the run shown (picked in Runs), every run of the project, what is
 * looked at (the shown run's graph and task, or the project's before any run), the theme for what it draws, and a
 * way to open the samples of a confusion-matrix cell.
 */
export type DockSectionProps = RunViewProps;

/**
 * One section of the training dock, side by side with the others (the dock scrolls sideways when they don't fit; the
 * minimum widths are chosen so that the run's sections and the decision boundary fit at 1280 px).
 * `run` sections are always there; `view` sections look inside the network and are opened from the dock's "Inside the
 * network" list, each only where it applies to the model (a boundary for 2-D data, filters for a Conv2D…).
 */
export interface DockSection {
  id: string;
  /** Heading above the section (also its accessible name); `run` lets it say which epoch it shows. */
  title: (run: RunRecord | null) => ReactNode;
  /** Its accessible name, when the title is not plain text. */
  label: string;
  /** Width it starts from, and narrowest it may get, in CSS pixels; `grow` shares out the room left. */
  basis: number;
  minWidth: number;
  grow: number;
  group: 'run' | 'view';
  /** Whether the section applies to what is looked at; always when absent. */
  applies?: (subject: ViewSubject) => boolean;
  /** A view section open before the user opens or closes it (the decision boundary of a 2-D set). */
  openByDefault?: (subject: ViewSubject) => boolean;
  Component: ComponentType<DockSectionProps>;
}

function ConfusionSection(props: DockSectionProps) {
  const { run, showCell } = props;
  const epoch = run?.epochs.at(-1)?.epoch ?? null;
  return (
    <ConfusionMatrix
      classNames={run?.classNames ?? []}
      matrix={run?.confusionMatrix ?? []}
      perClass={run?.perClass ?? []}
      accuracy={run?.epochs.at(-1)?.valAccuracy ?? null}
      total={run?.valSize ?? null}
      onCellClick={
        epoch === null ? undefined : (trueClass, predictedClass) => showCell({ epoch, trueClass, predictedClass })
      }
    />
  );
}

/** A view's heading: its name, and which epoch of which run it looks at. */
function viewTitle(name: string) {
  return (run: RunRecord | null) => (
    <>
      {name} {run && run.epochs.length > 0 ? <span className="muted">· Run {run.key}</span> : null}
    </>
  );
}

/** The dock's sections, left to right: the run's own, then the views inside the network. */
export const DOCK_SECTIONS: readonly DockSection[] = [
  {
    id: 'setup',
    label: 'Data and settings',
    title: () => 'Data and settings',
    basis: 260,
    minWidth: 180,
    grow: 0,
    group: 'run',
    Component: () => <SetupSection />,
  },
  {
    id: 'runs',
    label: 'Runs',
    title: () => 'Runs',
    basis: 200,
    minWidth: 120,
    grow: 0,
    group: 'run',
    Component: () => <RunsSection />,
  },
  {
    id: 'loss',
    label: 'Loss',
    title: () => 'Loss',
    basis: CHART_MIN_WIDTH + 10,
    minWidth: CHART_MIN_WIDTH + 10,
    grow: 1,
    group: 'run',
    Component: (p) => <LossChart run={p.run} theme={p.theme} />,
  },
  {
    id: 'accuracy',
    label: 'Accuracy',
    title: () => 'Accuracy',
    basis: CHART_MIN_WIDTH + 10,
    minWidth: CHART_MIN_WIDTH + 10,
    grow: 1,
    group: 'run',
    Component: (p) => <AccuracyChart run={p.run} theme={p.theme} />,
  },
  {
    id: 'confusion',
    label: 'Confusion matrix',
    title: (run) => (
      <>
        Confusion matrix{' '}
        {run && run.epochs.length > 0 ? <span className="muted">· validation, epoch {run.epochs.length}</span> : null}
      </>
    ),
    basis: 280,
    minWidth: 144,
    grow: 1,
    group: 'run',
    Component: ConfusionSection,
  },
  {
    id: 'boundary',
    label: 'Boundary',
    title: viewTitle('Decision boundary'),
    basis: 380,
    // The plot alone, 150 px (its explanation moves below it): with the run's sections, the charts at their legible
    // 240 px, it fits side by side at 1280 px.
    minWidth: 164,
    grow: 0,
    group: 'view',
    applies: VIEW_RULES.boundary,
    openByDefault: VIEW_RULES.boundary,
    Component: BoundaryView,
  },
  {
    id: 'try-it',
    label: 'Try it',
    title: viewTitle('Try it'),
    basis: 620,
    minWidth: 480,
    grow: 0,
    group: 'view',
    applies: VIEW_RULES.tryIt,
    Component: TryItView,
  },
  {
    id: 'weights',
    label: 'Weights',
    title: viewTitle('Weights'),
    basis: 420,
    minWidth: 300,
    grow: 1,
    group: 'view',
    applies: VIEW_RULES.weights,
    Component: WeightsView,
  },
  {
    id: 'feature-maps',
    label: 'Feature maps',
    title: viewTitle('Feature maps'),
    basis: 520,
    minWidth: 360,
    grow: 1,
    group: 'view',
    applies: VIEW_RULES.featureMaps,
    Component: FeatureMapsView,
  },
  {
    id: 'reconstruction',
    label: 'Reconstruction',
    title: viewTitle('Reconstruction'),
    basis: 420,
    minWidth: 320,
    grow: 0,
    group: 'view',
    applies: VIEW_RULES.reconstruction,
    Component: ReconstructionView,
  },
  {
    id: 'activations',
    label: 'Activations',
    title: viewTitle('Activations'),
    basis: 440,
    minWidth: 320,
    grow: 1,
    group: 'view',
    Component: ActivationsView,
  },
  {
    id: 'gradients',
    label: 'Gradients',
    title: viewTitle('Gradients per layer'),
    basis: 420,
    minWidth: CHART_MIN_WIDTH + 60,
    grow: 1,
    group: 'view',
    Component: GradientsView,
  },
  {
    id: 'replay',
    label: 'Replay',
    title: viewTitle('Replay'),
    basis: 480,
    minWidth: 380,
    grow: 0,
    group: 'view',
    Component: ReplayView,
  },
  {
    id: 'compare',
    label: 'Compare runs',
    title: () => 'Compare runs',
    basis: 540,
    minWidth: 420,
    grow: 1,
    group: 'view',
    Component: CompareView,
  },
];

/** The view sections that apply to `subject`, in dock order. */
export function viewSections(subject: ViewSubject): DockSection[] {
  return DOCK_SECTIONS.filter((s) => s.group === 'view' && (s.applies?.(subject) ?? true));
}
