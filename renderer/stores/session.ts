import { create } from 'zustand';
import type { AppInfo } from '../../shared/domain/installation';
import type { WriteContext } from '../db/repository';

interface SessionState {
  info: AppInfo | null;
  setInfo(info: AppInfo): void;
}

/** UI state only: who this installation is and who is at the keyboard. Records live in Dexie. */
export const useSession = create<SessionState>((set) => ({
  info: null,
  setInfo: (info) => set({ info }),
}));

export function writeContextOf(info: AppInfo): WriteContext {
  return {
    actor: { installationId: info.installationId, operator: info.profile?.operator ?? '' },
    now: () => Date.now(),
  };
}
