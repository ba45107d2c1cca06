import { create } from 'zustand';
import type { StorageFigures } from '../../../shared/rules/storageSpace';

/**
 * UI state only: whether this origin's storage is persistent (the browser will not evict it under disk pressure)
 * and the latest usage/quota figures. null = not known (yet, or the API is missing).
 */
interface StorageStatus {
  persisted: boolean | null;
  /** The persist() request failed outright (not merely refused). */
  persistError: string | null;
  figures: StorageFigures | null;
  checkedAt: number | null;
}

export const useStorageStatus = create<StorageStatus>(() => ({
  persisted: null,
  persistError: null,
  figures: null,
  checkedAt: null,
}));

/** The parts of navigator.storage used here, passed in so tests can stand in for the browser. */
export type StorageApi = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

const browserStorage = (): StorageApi | null =>
  typeof navigator !== 'undefined' && navigator.storage && typeof navigator.storage.persist === 'function'
    ? navigator.storage
    : null;

/**
 * Asks once at start that the browser never evict this origin's data (IndexedDB holds every record). Chromium
 * decides by itself, without asking the user; the answer is kept for 本机设置 to show.
 */
export async function requestPersistentStorage(storage: StorageApi | null = browserStorage()): Promise<boolean | null> {
  if (!storage) return null;
  try {
    const persisted = (await storage.persisted()) || (await storage.persist());
    useStorageStatus.setState({ persisted, persistError: null });
    return persisted;
  } catch (error) {
    useStorageStatus.setState({ persisted: false, persistError: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

/** Reads usage and quota now (cheap; the browser keeps the figures) and keeps them in the store. */
export async function refreshStorageEstimate(storage: StorageApi | null = browserStorage()): Promise<StorageFigures | null> {
  if (!storage) return null;
  try {
    const { usage, quota } = await storage.estimate();
    const figures = typeof usage === 'number' && typeof quota === 'number' ? { usage, quota } : null;
    useStorageStatus.setState({ figures, checkedAt: Date.now() });
    return figures;
  } catch {
    useStorageStatus.setState({ figures: null, checkedAt: Date.now() });
    return null;
  }
}
