import type { CadreDeskApi, Envelope } from './ipc';

/**
 * Builds window.cadreDesk from the contract's method and event names over some transport. Self-contained on
 * purpose (it references nothing outside its own body): the e2e fixture injects its source text into the page
 * as an init script, so the production preload and the tests build the API with the same code.
 */
export function buildCadreDeskApi(
  methodNames: readonly string[],
  eventNames: readonly string[],
  invoke: (method: string, arg: unknown) => Promise<Envelope>,
  subscribe: (event: string, listener: (payload: unknown) => void) => () => void,
): CadreDeskApi {
  const api: Record<string, unknown> = {};
  for (const name of methodNames) {
    const dot = name.indexOf('.');
    const ns = name.slice(0, dot);
    const member = name.slice(dot + 1);
    const group = (api[ns] ??= {}) as Record<string, unknown>;
    group[member] = async (arg?: unknown) => {
      const envelope = await invoke(name, arg);
      if (envelope.ok) return envelope.value;
      const error = new Error(envelope.error.message);
      (error as Error & { code?: string }).code = envelope.error.code;
      throw error;
    };
  }
  for (const group of Object.values(api)) Object.freeze(group);
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!eventNames.includes(event)) throw new Error(`unknown event: ${event}`);
    return subscribe(event, listener);
  };
  return Object.freeze(api) as unknown as CadreDeskApi;
}
