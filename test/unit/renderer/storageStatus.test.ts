import { beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshStorageEstimate, requestPersistentStorage, useStorageStatus, type StorageApi } from '../../../renderer/features/storage/storageStatus';

const api = (over: Partial<StorageApi> = {}): StorageApi => ({
  persisted: vi.fn(async () => false),
  persist: vi.fn(async () => true),
  estimate: vi.fn(async () => ({ usage: 1234, quota: 5678 })),
  ...over,
});

beforeEach(() => useStorageStatus.setState({ persisted: null, persistError: null, figures: null, checkedAt: null }));

describe('requestPersistentStorage', () => {
  it('asks the browser and keeps its answer', async () => {
    const storage = api();
    expect(await requestPersistentStorage(storage)).toBe(true);
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(useStorageStatus.getState().persisted).toBe(true);
  });

  it('does not ask again when storage is persistent already', async () => {
    const storage = api({ persisted: vi.fn(async () => true) });
    await requestPersistentStorage(storage);
    expect(storage.persist).not.toHaveBeenCalled();
    expect(useStorageStatus.getState().persisted).toBe(true);
  });

  it('keeps a refusal, and a failure with its reason', async () => {
    await requestPersistentStorage(api({ persist: vi.fn(async () => false) }));
    expect(useStorageStatus.getState()).toMatchObject({ persisted: false, persistError: null });
    await requestPersistentStorage(api({ persist: vi.fn(() => Promise.reject(new Error('denied'))) }));
    expect(useStorageStatus.getState()).toMatchObject({ persisted: false, persistError: 'denied' });
  });

  it('leaves the state unknown where the API is missing', async () => {
    expect(await requestPersistentStorage(null)).toBeNull();
    expect(useStorageStatus.getState().persisted).toBeNull();
  });
});

describe('refreshStorageEstimate', () => {
  it('keeps usage and quota', async () => {
    expect(await refreshStorageEstimate(api())).toEqual({ usage: 1234, quota: 5678 });
    expect(useStorageStatus.getState().figures).toEqual({ usage: 1234, quota: 5678 });
  });

  it('keeps nothing when the browser gives no figures', async () => {
    useStorageStatus.setState({ figures: { usage: 1, quota: 2 } });
    await refreshStorageEstimate(api({ estimate: vi.fn(async () => ({})) }));
    expect(useStorageStatus.getState().figures).toBeNull();
  });
});
