/**
 * Test helpers (vitest only): a fake HostApi that records calls, and a provider mounting
 * components over a fresh store.
 */
import type { ReactNode } from 'react';
import type { HostApi, HostEvent } from '../engine/host/api';
import type { Flow } from '../engine/model/flow';
import { createActions } from './actions';
import { AppProvider } from './app-context';
import { createHostValidator } from './doc/validator';
import { createAppStore } from './store/store';

/** A HostApi whose methods resolve from `answers` and record their params in `calls`. */
export function fakeHost(answers: Partial<{ [M in keyof HostApi]: (p: Parameters<HostApi[M]>[0]) => unknown }> = {}) {
  const calls: { method: string; params: unknown }[] = [];
  const listeners = new Set<(e: HostEvent) => void>();
  const host = new Proxy({} as HostApi, {
    get: (_t, name: string) => async (params: unknown) => {
      calls.push({ method: name, params });
      const answer = (answers as Record<string, ((p: unknown) => unknown) | undefined>)[name];
      return answer ? answer(params) : undefined;
    },
  });
  const emit = (e: HostEvent) => listeners.forEach((l) => l(e));
  const onEvent = (l: (e: HostEvent) => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  return { host, calls, emit, onEvent };
}

/** A store, actions over a fake host, and a wrapper providing both. */
export function setup(flow?: Flow, answers?: Parameters<typeof fakeHost>[0]) {
  const fake = fakeHost(answers);
  const store = createAppStore();
  const actions = createActions(fake.host, fake.onEvent, store, createHostValidator(fake.host));
  if (flow) {
    store.getState().loadFlow('/w/flow.yaml', flow, []);
    actions.files.ui.setState({ isOnDisk: true }); // as if opened from the workspace
  }
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AppProvider store={store} actions={actions}>
      {children}
    </AppProvider>
  );
  return { ...fake, store, actions, wrapper };
}
