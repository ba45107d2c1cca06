import type { AppInfo } from '../../shared/domain/installation';
import { UserError } from '../../shared/errors';
import type { PublicIdentity } from '../keys/identity';
import type { ProfileStore } from '../profile';
import type { Handlers } from './dispatch';

export interface AppEffects {
  appName: string;
  appVersion: string;
  userDataDir: string;
  identity: PublicIdentity;
  profiles: ProfileStore;
}

export function appHandlers(fx: AppEffects): Pick<Handlers, 'app.info' | 'app.setup' | 'app.updateProfile'> {
  const info = async (): Promise<AppInfo> => ({
    appName: fx.appName,
    version: fx.appVersion,
    installationId: fx.identity.installationId,
    fingerprint: fx.identity.fingerprint,
    keyProtection: fx.identity.protection,
    dataFolder: fx.userDataDir,
    profile: await fx.profiles.read(),
  });
  return {
    'app.info': info,
    'app.setup': async (setup) => {
      if (await fx.profiles.read()) throw new UserError('本机已完成初始设置，不能重复设置。');
      await fx.profiles.write({ ...setup, unitId: null });
      return info();
    },
    // Names may be changed on any installation; the installation id lives with the keys and is never touched.
    'app.updateProfile': async ({ unitId, name, operator }) => {
      const profile = await fx.profiles.read();
      if (!profile) throw new UserError('请先完成本机的初始设置。');
      if (unitId !== undefined && profile.type !== 'unit') throw new UserError('只有“单位”类型的安装需要选择本单位。');
      await fx.profiles.write({
        ...profile,
        ...(unitId !== undefined ? { unitId } : {}),
        ...(name !== undefined ? { name } : {}),
        ...(operator !== undefined ? { operator } : {}),
      });
      return info();
    },
  };
}
