import { memo, useId, useState, type ComponentType } from 'react';
import { VIEW_RULES, type ViewSubject } from '../../../shared/views/view-availability';
import { ActivationsView } from './activations-view';
import { BoundaryView } from './boundary-view';
import { CompareView } from './compare-view';
import { FeatureMapsView } from './feature-maps-view';
import { GradientsView } from './gradients-view';
import { ReconstructionView } from './reconstruction-view';
import { ReplayView } from './replay-view';
import { TryItView } from './try-it-view';
import type { RunViewProps } from './view-props';
import { WeightsView } from './weights-view';

/** One view of the panel: its tab, when it applies (from VIEW_RULES where it depends on the model), and what it shows. */
export interface RunViewDefinition {
  id: string;
  label: string;
  applies(subject: ViewSubject): boolean;
  Component: ComponentType<RunViewProps>;
}

const always = () => true;

/**
 * Every view of "Inside the network", in tab order: the one list the panel (and a dock that hosts the views) reads.
 * A model without a Conv2D or a pixel-reading Dense has no weights tab, a picture model no boundary, and so on.
 */
export const RUN_VIEWS: readonly RunViewDefinition[] = [
  { id: 'boundary', label: 'Boundary', applies: VIEW_RULES.boundary, Component: BoundaryView },
  { id: 'try-it', label: 'Try it', applies: VIEW_RULES.tryIt, Component: TryItView },
  { id: 'weights', label: 'Weights', applies: VIEW_RULES.weights, Component: WeightsView },
  { id: 'feature-maps', label: 'Feature maps', applies: VIEW_RULES.featureMaps, Component: FeatureMapsView },
  { id: 'reconstruction', label: 'Reconstruction', applies: VIEW_RULES.reconstruction, Component: ReconstructionView },
  { id: 'activations', label: 'Activations', applies: always, Component: ActivationsView },
  { id: 'gradients', label: 'Gradients', applies: always, Component: GradientsView },
  { id: 'replay', label: 'Replay', applies: always, Component: ReplayView },
  { id: 'compare', label: 'Compare runs', applies: always, Component: CompareView },
];

/**
 * "Inside the network": the views of the shown run as tabs. Only the open tab is mounted, so only it asks the
 * training process anything (see useRunView).
 */
export const RunViews = memo(function RunViews(props: RunViewProps) {
  const views = RUN_VIEWS.filter((view) => view.applies(props.subject));
  const [chosen, setChosen] = useState<string | null>(null);
  const open = views.find((view) => view.id === chosen) ?? views[0];
  const panelId = useId();
  if (!open) return null;
  const { Component } = open;
  return (
    <section className="run-views" aria-label="Inside the network">
      <div className="tabs" role="tablist" aria-label="Views of the network">
        {views.map((view) => (
          <button
            key={view.id}
            type="button"
            role="tab"
            aria-selected={view.id === open.id}
            aria-controls={panelId}
            onClick={() => setChosen(view.id)}
          >
            {view.label}
          </button>
        ))}
      </div>
      <div className="run-view" role="tabpanel" id={panelId} aria-label={open.label}>
        <Component {...props} />
      </div>
    </section>
  );
});
