// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { chooseTheme, resolveTheme, startTheme, THEME_KEY } from './theme';

afterEach(() => localStorage.clear());

describe('theme', () => {
  it('follows the system unless the user chose light or dark', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('applies the choice to <html> and keeps it, and forgets it for "system"', () => {
    startTheme(); // jsdom has no matchMedia: the system counts as light
    expect(document.documentElement.dataset.theme).toBe('light');
    chooseTheme('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.documentElement.style.colorScheme).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    chooseTheme('system');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
  });
});
