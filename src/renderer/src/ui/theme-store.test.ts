// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialTheme, ThemeStore } from './theme-store';

/** A stand-in for the OS preference that can change while the app runs. */
function osPrefersDark(dark: boolean) {
  const listeners = new Set<() => void>();
  let prefersDark = dark;
  vi.stubGlobal('matchMedia', (text: string) => ({
    get matches() {
      return prefersDark && text.includes('dark');
    },
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  }));
  return {
    set(next: boolean) {
      prefersDark = next;
      for (const listener of listeners) listener();
    },
    listeners,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('initialTheme', () => {
  it('follows the OS when the user has not chosen', () => {
    osPrefersDark(true);
    expect(initialTheme()).toBe('dark');
    osPrefersDark(false);
    expect(initialTheme()).toBe('light');
  });

  it('prefers the saved choice over the OS', () => {
    osPrefersDark(true);
    window.localStorage.setItem('layerlab.theme', 'light');
    expect(initialTheme()).toBe('light');
  });
});

describe('ThemeStore', () => {
  it('follows OS changes until the user picks, then keeps and remembers the pick', () => {
    const os = osPrefersDark(false);
    const theme = new ThemeStore();
    const stop = theme.start();
    const seen: string[] = [];
    theme.subscribe(() => seen.push(theme.getState()));
    expect(document.documentElement.dataset.theme).toBe('light');
    os.set(true);
    expect(theme.getState()).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    theme.toggle();
    expect(theme.getState()).toBe('light');
    os.set(false);
    os.set(true);
    expect(theme.getState()).toBe('light');
    expect(window.localStorage.getItem('layerlab.theme')).toBe('light');
    expect(new ThemeStore().getState()).toBe('light');
    expect(seen[0]).toBe('dark');
    stop();
    expect(os.listeners.size).toBe(0);
  });
});
