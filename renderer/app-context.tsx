/**
 * React access to the one store and the actions, through context so tests can mount components
 * over their own store and a fake host.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Actions } from './actions';
import type { AppState, AppStore } from './store/store';

interface AppContextValue {
  store: AppStore;
  actions: Actions;
}

const AppContext = createContext<AppContextValue | null>(null);

/** Provides the store and actions to the component tree. */
export function AppProvider(props: { store: AppStore; actions: Actions; children: ReactNode }) {
  return <AppContext.Provider value={{ store: props.store, actions: props.actions }}>{props.children}</AppContext.Provider>;
}

function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('AppProvider is missing above this component');
  return ctx;
}

/** Selects from the store; select primitives or stable references (zustand 5 compares with Object.is). */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useApp().store, selector);
}

/** The store itself, for handlers that read state at event time. */
export function useAppStoreApi(): AppStore {
  return useApp().store;
}

/** The action set (open, save, run, approve…). */
export function useActions(): Actions {
  return useApp().actions;
}
