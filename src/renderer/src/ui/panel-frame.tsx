import { useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { usePanel, usePanels } from '../app-context';
import { PANELS, type PanelId } from './panel-store';

/** Keyboard step of a resize handle, in pixels (Shift: five times that). */
const KEY_STEP = 16;

/**
 * The handle on a panel's inner edge: drag it, or focus it and use the arrow keys (Home/End: smallest/largest), to
 * resize the panel. A `separator` with its value, as ARIA describes a splitter.
 */
export function PanelResizer(props: { id: PanelId; edge: 'left' | 'right' | 'top' }) {
  const panels = usePanels();
  const panel = usePanel(props.id);
  const definition = PANELS[props.id];
  const drag = useRef<{ start: number; size: number } | null>(null);
  // Moving the pointer right grows a panel whose handle is on its right edge; up grows the dock.
  const sign = props.edge === 'right' ? 1 : -1;
  const along = (e: PointerEvent) => (props.edge === 'top' ? e.clientY : e.clientX);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: along(e), size: panel.size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    panels.resize(props.id, drag.current.size + sign * (along(e) - drag.current.start));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = (e.shiftKey ? 5 : 1) * KEY_STEP;
    const grow = props.edge === 'top' ? ['ArrowUp'] : props.edge === 'right' ? ['ArrowRight'] : ['ArrowLeft'];
    const shrink = props.edge === 'top' ? ['ArrowDown'] : props.edge === 'right' ? ['ArrowLeft'] : ['ArrowRight'];
    let size: number | null = null;
    if (grow.includes(e.key)) size = panel.size + step;
    else if (shrink.includes(e.key)) size = panel.size - step;
    else if (e.key === 'Home') size = definition.min;
    else if (e.key === 'End') size = definition.max;
    else if (e.key === 'Enter') return void panels.toggle(props.id);
    if (size === null) return;
    e.preventDefault();
    panels.resize(props.id, size);
  };

  return (
    <div
      className={`panel-resizer panel-resizer-${props.edge}`}
      role="separator"
      aria-orientation={props.edge === 'top' ? 'horizontal' : 'vertical'}
      aria-label={`Resize ${definition.label.toLowerCase()}`}
      aria-valuemin={definition.min}
      aria-valuemax={definition.max}
      aria-valuenow={panel.collapsed ? 0 : panel.size}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onDoubleClick={() => panels.toggle(props.id)}
    />
  );
}

/** The button that collapses or expands a panel (its name says which panel, its state is `aria-expanded`). */
export function PanelToggle(props: { id: PanelId; controls: string; children?: ReactNode; className?: string }) {
  const panels = usePanels();
  const { collapsed } = usePanel(props.id);
  const label = PANELS[props.id].label;
  return (
    <button
      type="button"
      className={`panel-toggle${props.className ? ` ${props.className}` : ''}`}
      aria-expanded={!collapsed}
      aria-controls={props.controls}
      aria-label={props.children === undefined ? `${collapsed ? 'Show' : 'Hide'} ${label.toLowerCase()}` : undefined}
      title={`${collapsed ? 'Show' : 'Hide'} the ${label.toLowerCase()}`}
      onClick={() => panels.toggle(props.id)}
    >
      {props.children ?? (collapsed ? '»' : '«')}
    </button>
  );
}

/**
 * A side panel of the workspace (the layer palette, the inspector; exercise instructions later): resizable on its
 * inner edge, collapsible to a thin rail that keeps a button to bring it back.
 */
export function SidePanelFrame(props: { id: 'palette' | 'side'; side: 'left' | 'right'; children: ReactNode }) {
  const panel = usePanel(props.id);
  const bodyId = `panel-${props.id}`;
  const label = PANELS[props.id].label;
  const toggle = (
    <PanelToggle id={props.id} controls={bodyId}>
      <span aria-hidden="true">{panel.collapsed === (props.side === 'left') ? '»' : '«'}</span>
      <span className="visually-hidden">
        {panel.collapsed ? 'Show' : 'Hide'} {label.toLowerCase()}
      </span>
    </PanelToggle>
  );
  return (
    <div
      className={`side-frame side-frame-${props.side}${panel.collapsed ? ' is-collapsed' : ''}`}
      style={{ width: panel.collapsed ? undefined : panel.size }}
    >
      <div className="side-frame-bar">{toggle}</div>
      <div id={bodyId} className="side-frame-body" hidden={panel.collapsed}>
        {props.children}
      </div>
      {!panel.collapsed && <PanelResizer id={props.id} edge={props.side === 'left' ? 'right' : 'left'} />}
    </div>
  );
}
