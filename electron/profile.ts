import path from 'node:path';
import { z } from 'zod';
import { InstallationSetupSchema } from '../shared/domain/installation';
import { readJsonIfExists, writeFileAtomic } from './fsAtomic';

/** The installation's profile: what the first-run screen recorded, plus the unit a unit installation serves. */
export const ProfileSchema = InstallationSetupSchema.extend({ unitId: z.string().nullable() });
export type Profile = z.infer<typeof ProfileSchema>;

export function createProfileStore(userDataDir: string) {
  const file = path.join(userDataDir, 'profile.json');
  return {
    /** A missing or unreadable profile reads as none: the first-run screen then asks again (nothing else lives here). */
    async read(): Promise<Profile | null> {
      const raw = await readJsonIfExists(file).catch(() => undefined);
      if (raw === undefined) return null;
      const parsed = ProfileSchema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    async write(profile: Profile): Promise<void> {
      await writeFileAtomic(file, JSON.stringify(profile, null, 2));
    },
  };
}
export type ProfileStore = ReturnType<typeof createProfileStore>;
