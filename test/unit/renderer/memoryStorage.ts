// A fresh window.localStorage for a test under Node (the database pointer, renderer/db/databaseName.ts, lives
// there); jsdom has its own, which this replaces for the test too.

export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  const storage: Storage = {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
  const g = globalThis as unknown as { window?: { localStorage?: Storage } };
  if (g.window) Object.defineProperty(g.window, 'localStorage', { value: storage, configurable: true });
  else g.window = { localStorage: storage };
  return storage;
}
