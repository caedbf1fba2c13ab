import { memo, useEffect, useMemo, useState } from 'react';
import { useEditorSelector, usePanel, usePanels, useTrainingState } from '../app-context';
import { PanelResizer } from '../ui/panel-frame';
import type { Theme } from '../ui/theme-store';
import { CellSamplesDialog, type MatrixCell } from '../views/cell-samples-dialog';
import { DOCK_SECTIONS, viewSections, type DockSection, type DockSectionProps } from './dock-sections';
import { RunControls } from './run-controls';
import { activeRun, comparedRuns, viewedRun } from './training-session';

const BODY_ID = 'training-dock-body';

/** A DOM id for a section, for the list's aria-controls and for scrolling an opened view into sight. */
const sectionId = (section: DockSection) => `dock-section-${section.id}`;

/**
 * The training dock below the canvas: a header with the run controls (always visible, also collapsed), and below it
 * the sections of DOCK_SECTIONS side by side: data and settings, runs, loss, accuracy, confusion matrix, then the views
 * inside the network the user opened from the "Inside the network" list at the body's left edge (only those that
 * apply to the model; the decision boundary of a 2-D set starts open). Resizable by its top edge, collapsible to its
 * header; it opens by itself when a run starts.
 */
export const TrainingPanel = memo(function TrainingPanel(props: { theme: Theme }) {
  const panels = usePanels();
  const { size, collapsed } = usePanel('dock');
  const session = useTrainingState();
  const doc = useEditorSelector((s) => s.doc);
  const shown = viewedRun(session);
  const runningKey = activeRun(session)?.key;
  const [cell, setCell] = useState<MatrixCell | null>(null);
  /** Views the user opened (true) or closed (false); the others follow their openByDefault. */
  const [chosen, setChosen] = useState<Readonly<Record<string, boolean>>>({});

  const looked = shown?.request ?? doc;
  const subject = useMemo(
    () => ({ graph: looked.graph, task: looked.task, dataset: looked.dataset }),
    [looked.graph, looked.task, looked.dataset],
  );
  const views = useMemo(() => viewSections(subject), [subject]);
  const isOpen = (section: DockSection) => chosen[section.id] ?? section.openByDefault?.(subject) ?? false;
  const sections = DOCK_SECTIONS.filter((s) => s.group === 'run' || (views.includes(s) && isOpen(s)));

  // A run that starts is worth watching: open the dock if it was collapsed.
  useEffect(() => {
    if (runningKey !== undefined) panels.setCollapsed('dock', false);
  }, [runningKey, panels]);

  // Ticking a second run to compare in Runs opens the comparison.
  const comparing = comparedRuns(session).length >= 2;
  useEffect(() => {
    if (comparing) setChosen((previous) => ({ ...previous, compare: true }));
  }, [comparing]);

  const toggle = (section: DockSection) => {
    const open = !isOpen(section);
    setChosen((previous) => ({ ...previous, [section.id]: open }));
    if (open) {
      // After React has added it: bring the opened view into sight (the dock scrolls sideways).
      requestAnimationFrame(() =>
        document.getElementById(sectionId(section))?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' }),
      );
    }
  };

  const sectionProps: DockSectionProps = {
    run: shown,
    runs: session.runs,
    subject,
    theme: props.theme,
    showCell: setCell,
  };

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
        <nav className="dock-views" aria-label="Inside the network">
          <h3>Inside the network</h3>
          <ul>
            {views.map((view) => (
              <li key={view.id}>
                <button
                  type="button"
                  aria-pressed={isOpen(view)}
                  aria-controls={isOpen(view) ? sectionId(view) : undefined}
                  onClick={() => toggle(view)}
                >
                  {view.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {sections.map((section) => (
          <section
            key={section.id}
            id={sectionId(section)}
            className={`dock-section dock-section-${section.id}${section.group === 'view' ? ' dock-view' : ''}`}
            aria-label={section.label}
            // A view taller than the dock scrolls: reachable by keyboard even when it has no control of its own.
            tabIndex={section.group === 'view' ? 0 : undefined}
            style={{ flex: `${section.grow} 1 ${section.basis}px`, minWidth: section.minWidth }}
          >
            <h3>{section.title(shown)}</h3>
            <section.Component {...sectionProps} />
          </section>
        ))}
      </div>
      {cell && shown && <CellSamplesDialog run={shown} cell={cell} onClose={() => setCell(null)} />}
    </section>
  );
});
