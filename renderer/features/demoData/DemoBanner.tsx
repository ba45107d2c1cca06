import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert } from 'antd';
import { db } from '../../db/instance';
import { clearStaleDemoMark, readDemoMark } from './demoMark';
import { useDemoLoad } from './demoLoadStore';

/** On every page while the database holds demo data: nobody may take a fictional cadre for a real one. */
export function DemoBanner() {
  const found = useLiveQuery(() => readDemoMark(db), []);
  const loading = useDemoLoad((s) => s.phase === 'loading');
  useEffect(() => {
    if (useDemoLoad.getState().phase !== 'loading') void clearStaleDemoMark(db).catch(() => undefined);
  }, []);
  if (!found) return null;
  // loadedAt stays null for good when a load stopped half-way (not while this session is still loading)
  const partial = found.mark !== null && found.mark.loadedAt === null && !loading;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="demo-banner"
      title="本机数据库载入了演示数据（虚构人员），仅供培训和测试使用，不得用于实际工作。"
      description={partial ? '上次载入未完成，数据库中只有部分演示数据。' : undefined}
    />
  );
}
