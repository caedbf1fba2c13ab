// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialTheme } from './use-theme';

function osPrefersDark(dark: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: dark && query.includes('dark'), media: query }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
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
