import { Emitter } from '../../../shared/emitter';
export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'layerlab.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemTheme(): Theme {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function storedTheme(): Theme | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

/** The theme to paint first: the saved choice, else the OS preference. */
export function initialTheme(): Theme {
  return storedTheme() ?? systemTheme();
}

/**
 * The light/dark theme: the OS's preference until the user picks one, and the pick is remembered. Sets
 * `<html data-theme>`, which the CSS reads; components subscribe for what they draw themselves (charts, canvas).
 */
export class ThemeStore {
  private choice: Theme | null = storedTheme();
  private system: Theme = systemTheme();
  private readonly themeChanged = new Emitter();

  readonly getState = (): Theme => this.choice ?? this.system;

  readonly subscribe = (listener: () => void): (() => void) => this.themeChanged.on(listener);

  toggle(): void {
    const next: Theme = this.getState() === 'dark' ? 'light' : 'dark';
    this.choice = next;
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be unavailable (private mode); the choice still holds for this session.
    }
    this.changed();
  }

  /** Applies the theme and follows the OS preference from now on; returns the function that stops following. */
  start(): () => void {
    this.apply();
    if (typeof window.matchMedia !== 'function') return () => undefined;
    const query = window.matchMedia(DARK_QUERY);
    const update = () => {
      this.system = query.matches ? 'dark' : 'light';
      this.changed();
    };
    query.addEventListener?.('change', update);
    return () => query.removeEventListener?.('change', update);
  }

  private changed(): void {
    this.apply();
    this.themeChanged.emit();
  }

  private apply(): void {
    document.documentElement.dataset.theme = this.getState();
  }
}
