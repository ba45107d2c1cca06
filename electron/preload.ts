// Wiring only. Sandboxed preloads must be one CommonJS bundle that requires nothing but 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL, eventNames, methodNames, type Envelope } from '../shared/ipc';
import { buildCadreDeskApi } from '../shared/ipcClient';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(EVENT_CHANNEL, (_event, name: string, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

contextBridge.exposeInMainWorld(
  'cadreDesk',
  buildCadreDeskApi(
    methodNames,
    eventNames,
    (method, arg) => ipcRenderer.invoke(INVOKE_CHANNEL, method, arg) as Promise<Envelope>,
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  ),
);
