/**
 * Light and dark (issue #8 point 5): the user's choice in the Theme menu (`system`, `light`,
 * `dark`, kept in localStorage), resolved against prefers-color-scheme when it is `system`, and
 * applied as `<html data-theme="light|dark">` plus `color-scheme`, which the CSS variables in
 * styles/theme.css key on. React Flow gets the resolved value as its `colorMode`.
 */
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

/** localStorage key of the choice (absent = follow the system). */
export const THEME_KEY = 'flowsmith.theme';
export const themeChoices: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme shown for a choice, given whether the system prefers dark. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

function readChoice(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const media = (): MediaQueryList | undefined =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : undefined;

interface ThemeState {
  choice: ThemeChoice;
  theme: Theme;
}

let state: ThemeState = { choice: readChoice(), theme: resolveTheme(readChoice(), media()?.matches ?? false) };
const listeners = new Set<() => void>();

function update(choice: ThemeChoice): void {
  const theme = resolveTheme(choice, media()?.matches ?? false);
  if (theme !== state.theme || choice !== state.choice) state = { choice, theme };
  apply(state.theme);
  listeners.forEach((l) => l());
}

function apply(theme: Theme): void {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

/** Applies the stored choice and follows system changes; call once at start-up (main.tsx). */
export function startTheme(): void {
  update(state.choice);
  media()?.addEventListener('change', () => update(state.choice));
}

/** Applies and remembers a choice from the Theme menu. */
export function chooseTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') globalThis.localStorage?.removeItem(THEME_KEY);
    else globalThis.localStorage?.setItem(THEME_KEY, choice);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  update(choice);
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The choice and the theme it resolves to, re-rendering when either changes. */
export function useTheme(): ThemeState {
  return useSyncExternalStore(subscribe, () => state, () => state);
}
