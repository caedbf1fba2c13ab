import { Emitter } from '../../../shared/emitter';

/**
 * The workspace's resizable, collapsible panels, in one table: the layer palette on the left, the side panel
 * (inspector, summary; exercises later) on the right and the training dock below the canvas. Sizes are CSS pixels
 * along the axis the panel resizes on (width for the side ones, height for the dock).
 */
export const PANELS = {
  palette: { axis: 'width', initial: 200, min: 160, max: 360, label: 'Layer palette' },
  side: { axis: 'width', initial: 320, min: 240, max: 560, label: 'Side panel' },
  dock: { axis: 'height', initial: 270, min: 200, max: 720, label: 'Training panel' },
} as const satisfies Record<string, PanelDefinition>;

export interface PanelDefinition {
  axis: 'width' | 'height';
  /** Size before the user resized it. */
  initial: number;
  min: number;
  max: number;
  /** The panel's accessible name, e.g. on its collapse button and resize handle. */
  label: string;
}

export type PanelId = keyof typeof PANELS;
export const PANEL_IDS = Object.keys(PANELS) as PanelId[];

export interface PanelState {
  size: number;
  collapsed: boolean;
}

export type PanelsState = Readonly<Record<PanelId, PanelState>>;

const STORAGE_KEY = 'layerlab.panels';

/** A size within the panel's bounds (whole pixels); the initial size for anything that is not a finite number. */
export function clampPanelSize(id: PanelId, size: unknown): number {
  const { min, max, initial } = PANELS[id];
  return typeof size === 'number' && Number.isFinite(size) ? Math.round(Math.min(max, Math.max(min, size))) : initial;
}

function defaults(): PanelsState {
  return Object.fromEntries(PANEL_IDS.map((id) => [id, { size: PANELS[id].initial, collapsed: false }])) as Record<
    PanelId,
    PanelState
  >;
}

/** Reads what an earlier session saved; anything missing or malformed falls back to the defaults. */
export function readPanels(storage: Pick<Storage, 'getItem'> | null): PanelsState {
  const state = defaults() as Record<PanelId, PanelState>;
  try {
    const saved: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (!saved || typeof saved !== 'object') return state;
    for (const id of PANEL_IDS) {
      const entry = (saved as Record<string, unknown>)[id];
      if (!entry || typeof entry !== 'object') continue;
      const { size, collapsed } = entry as { size?: unknown; collapsed?: unknown };
      state[id] = { size: clampPanelSize(id, size), collapsed: collapsed === true };
    }
  } catch {
    // Unreadable storage: start from the defaults.
  }
  return state;
}

/**
 * Panel sizes and collapsed flags, remembered in this browser or app (localStorage), for `useSyncExternalStore`.
 * Commands (View ▸ Toggle …), the collapse buttons and the resize handles all change them here.
 */
export class PanelStore {
  private state: PanelsState;
  private readonly changed = new Emitter();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage()) {
    this.state = readPanels(storage);
  }

  readonly getState = (): PanelsState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => this.changed.on(listener);

  resize(id: PanelId, size: number): void {
    const clamped = clampPanelSize(id, size);
    if (clamped === this.state[id].size && !this.state[id].collapsed) return;
    this.set(id, { size: clamped, collapsed: false });
  }

  setCollapsed(id: PanelId, collapsed: boolean): void {
    if (this.state[id].collapsed === collapsed) return;
    this.set(id, { ...this.state[id], collapsed });
  }

  toggle(id: PanelId): void {
    this.setCollapsed(id, !this.state[id].collapsed);
  }

  private set(id: PanelId, panel: PanelState): void {
    this.state = { ...this.state, [id]: panel };
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.state));
    } catch {
      // Storage full or unavailable: the layout still holds for this session.
    }
    this.changed.emit();
  }
}

/** The page's localStorage, or null where the page may not use it (a sandboxed frame, tests without a DOM). */
export function safeLocalStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
