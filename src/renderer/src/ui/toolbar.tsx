import { memo, useEffect, useRef, useState } from 'react';
import type { ProjectController } from '../project/project-controller';
import type { Command } from '../shortcuts';
import type { Theme } from './use-theme';

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** File commands, history, layout and view; the project name with "•" while there are unsaved changes. */
export const Toolbar = memo(function Toolbar(props: {
  name: string;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  theme: Theme;
  run: (command: Command) => void;
  projects: ProjectController;
}) {
  const { run } = props;
  const [recent, setRecent] = useState<{ handle: string; name: string }[] | null>(null);
  const recentAnchor = useRef<HTMLDivElement>(null);
  const recentOpen = recent !== null;
  useEffect(() => {
    if (!recentOpen) return;
    const close = (e: MouseEvent) => {
      if (!recentAnchor.current?.contains(e.target as Node)) setRecent(null);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [recentOpen]);

  const toggleRecent = async () => {
    if (recent) return setRecent(null);
    setRecent(await props.projects.recent());
  };

  return (
    <header className="toolbar">
      <span className="brand" aria-hidden="true">
        LayerLab
      </span>
      <div className="toolbar-group" role="group" aria-label="Project">
        <button type="button" onClick={() => run('new')} title={`New project from a template (${MOD}N)`}>
          New…
        </button>
        <button type="button" onClick={() => run('open')} title={`Open a project (${MOD}O)`}>
          Open…
        </button>
        <div className="menu-anchor" ref={recentAnchor}>
          <button
            type="button"
            onClick={toggleRecent}
            aria-expanded={recent !== null}
            aria-haspopup="menu"
            title="Recently opened projects"
          >
            Recent ▾
          </button>
          {recent && (
            <ul className="menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setRecent(null)}>
              {recent.length === 0 && <li className="muted menu-empty">No recent projects</li>}
              {recent.map((r) => (
                <li key={r.handle} role="none">
                  <button
                    type="button"
                    role="menuitem"
                    title={r.handle}
                    onClick={() => {
                      setRecent(null);
                      void props.projects.openRecent(r.handle);
                    }}
                  >
                    {r.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="button" onClick={() => run('save')} title={`Save (${MOD}S)`}>
          Save
        </button>
        <button type="button" onClick={() => run('saveAs')} title={`Save as (${MOD}Shift+S)`}>
          Save as…
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label="Edit">
        <button
          type="button"
          onClick={() => run('undo')}
          disabled={!props.canUndo}
          title={`Undo (${MOD}Z)`}
          aria-label="Undo"
        >
          ↶
        </button>
        <button
          type="button"
          onClick={() => run('redo')}
          disabled={!props.canRedo}
          title={`Redo (${MOD}Shift+Z)`}
          aria-label="Redo"
        >
          ↷
        </button>
        <button type="button" onClick={() => run('autoLayout')} title={`Arrange layers top to bottom (${MOD}Shift+L)`}>
          Auto-layout
        </button>
        <button type="button" onClick={() => run('fitView')} title={`Fit the graph in view (${MOD}0)`}>
          Fit view
        </button>
      </div>
      <h1 className="project-title" title={props.dirty ? 'Unsaved changes' : 'All changes saved'}>
        {props.dirty && (
          <span className="dirty-dot" aria-label="unsaved changes">
            •{' '}
          </span>
        )}
        {props.name}
      </h1>
      <div className="toolbar-group" role="group" aria-label="Help and view">
        <button type="button" onClick={() => run('layerReference')} title="What each layer does">
          Layer reference
        </button>
        <button
          type="button"
          onClick={() => run('toggleTheme')}
          aria-label={props.theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          title={props.theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        >
          {props.theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
});
