/**
 * F9 toggles a breakpoint on the selected step (DESIGN.md "Designer"), anywhere but in text fields
 * (where F9 belongs to the field).
 */
import { useEffect } from 'react';
import { useActions, useAppStoreApi } from '../app-context';

const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

/** Installs the F9 shortcut on window for the component's lifetime. */
export function useDebugKeys(): void {
  const { runs } = useActions();
  const store = useAppStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F9' || isTextField(e.target)) return;
      const step = store.getState().selectedStep;
      if (!step) return;
      e.preventDefault();
      void runs.toggleBreakpoint(step);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runs, store]);
}
