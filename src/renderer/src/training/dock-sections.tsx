import type { ComponentType, ReactNode } from 'react';
import type { Theme } from '../ui/theme-store';
import { ConfusionMatrix } from './confusion-matrix';
import { CHART_MIN_WIDTH } from './metrics-chart';
import { AccuracyChart, LossChart } from './run-charts';
import { RunsSection } from './runs-section';
import { SetupSection } from './setup-section';
import type { RunRecord } from './training-session';

/** What every section of the training dock gets: the run shown (picked in Runs) and the theme for what it draws. */
export interface DockSectionProps {
  run: RunRecord | null;
  theme: Theme;
}

/**
 * One section of the training dock, side by side with the others (the dock scrolls sideways when they don't fit).
 * Views of a trained model (samples of a confusion cell, Try it, decision boundary…) are added here, one entry each.
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
  Component: ComponentType<DockSectionProps>;
}

function ConfusionSection(props: DockSectionProps) {
  const run = props.run;
  return (
    <ConfusionMatrix
      classNames={run?.classNames ?? []}
      matrix={run?.confusionMatrix ?? []}
      perClass={run?.perClass ?? []}
      accuracy={run?.epochs.at(-1)?.valAccuracy ?? null}
      total={run?.valSize ?? null}
    />
  );
}

/** The dock's sections, left to right. */
export const DOCK_SECTIONS: readonly DockSection[] = [
  {
    id: 'setup',
    label: 'Data and settings',
    title: () => 'Data and settings',
    basis: 260,
    minWidth: 250,
    grow: 0,
    Component: () => <SetupSection />,
  },
  {
    id: 'runs',
    label: 'Runs',
    title: () => 'Runs',
    basis: 200,
    minWidth: 180,
    grow: 0,
    Component: () => <RunsSection />,
  },
  {
    id: 'loss',
    label: 'Loss',
    title: () => 'Loss',
    basis: CHART_MIN_WIDTH + 10,
    minWidth: CHART_MIN_WIDTH + 10,
    grow: 1,
    Component: (p) => <LossChart run={p.run} theme={p.theme} />,
  },
  {
    id: 'accuracy',
    label: 'Accuracy',
    title: () => 'Accuracy',
    basis: CHART_MIN_WIDTH + 10,
    minWidth: CHART_MIN_WIDTH + 10,
    grow: 1,
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
    minWidth: 220,
    grow: 1,
    Component: ConfusionSection,
  },
];
