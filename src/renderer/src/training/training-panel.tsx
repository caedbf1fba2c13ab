import { memo, useEffect } from 'react';
import { usePanel, usePanels, useTrainingState } from '../app-context';
import { PanelResizer } from '../ui/panel-frame';
import type { Theme } from '../ui/theme-store';
import { DOCK_SECTIONS } from './dock-sections';
import { RunControls } from './run-controls';
import { activeRun, viewedRun } from './training-session';

const BODY_ID = 'training-dock-body';

/**
 * The training dock below the canvas: a header with the run controls (always visible, also collapsed), and below it
 * the sections of DOCK_SECTIONS side by side: data and settings, runs, loss, accuracy, confusion matrix. Resizable
 * by its top edge, collapsible to its header; it opens by itself when a run starts.
 */
export const TrainingPanel = memo(function TrainingPanel(props: { theme: Theme }) {
  const panels = usePanels();
  const { size, collapsed } = usePanel('dock');
  const session = useTrainingState();
  const shown = viewedRun(session);
  const runningKey = activeRun(session)?.key;

  // A run that starts is worth watching: open the dock if it was collapsed.
  useEffect(() => {
    if (runningKey !== undefined) panels.setCollapsed('dock', false);
  }, [runningKey, panels]);

  return (
    <section
      className={`dock${collapsed ? ' is-collapsed' : ''}`}
      aria-label="Training"
      style={collapsed ? undefined : { height: size }}
    >
      {!collapsed && <PanelResizer id="dock" edge="top" />}
      <header className="dock-header">
        <button
          type="button"
          className="dock-toggle"
          aria-expanded={!collapsed}
          aria-controls={BODY_ID}
          onClick={() => panels.toggle('dock')}
          title={collapsed ? 'Show the data, settings, charts and matrix' : 'Collapse to this bar'}
        >
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span> {collapsed ? 'Show' : 'Hide'} charts and settings
        </button>
        <RunControls />
      </header>
      <div id={BODY_ID} className="dock-body" hidden={collapsed}>
        {DOCK_SECTIONS.map((section) => (
          <section
            key={section.id}
            className={`dock-section dock-section-${section.id}`}
            aria-label={section.label}
            style={{ flex: `${section.grow} 1 ${section.basis}px`, minWidth: section.minWidth }}
          >
            <h3>{section.title(shown)}</h3>
            <section.Component run={shown} theme={props.theme} />
          </section>
        ))}
      </div>
    </section>
  );
});
