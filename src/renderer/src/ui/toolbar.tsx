import { memo, useEffect, useRef, useState } from 'react';
import { useEditorSelector, useProjectDirty, useProjects, useTheme } from '../app-context';
import { flowDirection } from '../../../shared/graph/model-graph';
import { CommandButton } from '../commands/command-button';

/** Recently opened projects, as a drop-down (the native menu has its own File ▸ Open recent). */
function RecentMenu() {
  const projects = useProjects();
  const [recent, setRecent] = useState<{ handle: string; name: string }[] | null>(null);
  const anchor = useRef<HTMLDivElement>(null);
  const open = recent !== null;
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!anchor.current?.contains(e.target as Node)) setRecent(null);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const toggle = async () => {
    if (recent) return setRecent(null);
    setRecent(await projects.recent());
  };

  return (
    <div className="menu-anchor" ref={anchor}>
      <button type="button" onClick={toggle} aria-expanded={open} aria-haspopup="menu" title="Recently opened projects">
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
                  void projects.openRecent(r.handle);
                }}
              >
                {r.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Turns the graph's flow: the arrow shows the way it would run after pressing. */
function LayoutDirectionButton() {
  const direction = useEditorSelector((s) => flowDirection(s.doc.graph));
  return (
    <CommandButton
      command="toggleLayoutDirection"
      tooltip={direction === 'down' ? 'Lay the graph out left to right' : 'Lay the graph out top to bottom'}
    >
      <span aria-hidden="true">{direction === 'down' ? '→' : '↓'}</span>
    </CommandButton>
  );
}

/** File commands, history, layout and view; the project name with "•" while there are unsaved changes. */
export const Toolbar = memo(function Toolbar() {
  const name = useEditorSelector((s) => s.project.name);
  const dirty = useProjectDirty();
  const theme = useTheme();
  const switchTheme = theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme';
  return (
    <header className="toolbar">
      <span className="brand" aria-hidden="true">
        LayerLab
      </span>
      <div className="toolbar-group" role="group" aria-label="Project">
        <CommandButton command="new" />
        <CommandButton command="open" />
        <RecentMenu />
        <CommandButton command="save" />
        <CommandButton command="saveAs" />
        <CommandButton command="exercises" />
      </div>
      <div className="toolbar-group" role="group" aria-label="Edit">
        <CommandButton command="undo">↶</CommandButton>
        <CommandButton command="redo">↷</CommandButton>
        <CommandButton command="autoLayout" />
        <LayoutDirectionButton />
        <CommandButton command="fitView" />
      </div>
      <h1 className="project-title" title={dirty ? 'Unsaved changes' : 'All changes saved'}>
        {dirty && (
          <span className="dirty-dot" aria-label="unsaved changes">
            •{' '}
          </span>
        )}
        {name}
      </h1>
      <div className="toolbar-group" role="group" aria-label="Help and view">
        <CommandButton command="commandPalette" />
        <CommandButton command="layerReference" />
        <CommandButton command="toggleTheme" label={switchTheme}>
          {theme === 'dark' ? '☀' : '☾'}
        </CommandButton>
      </div>
    </header>
  );
});
