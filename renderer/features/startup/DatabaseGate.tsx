import { useEffect, type ReactNode } from 'react';
import { Spin } from 'antd';
import { startDatabase, useDatabaseStatus } from './databaseStatus';
import { DatabaseProblemScreen } from './DatabaseProblemScreen';
import { SnapshotCover } from '../roster/SnapshotCover';

/** Renders the app only once its database is open; otherwise the screen that says why it is not. */
export function DatabaseGate({ children }: { children: ReactNode }) {
  const status = useDatabaseStatus((s) => s.status);
  useEffect(startDatabase, []);
  if (status.phase === 'ready') return children;
  // the roster's snapshot stays while the database opens, if the boot script showed one
  if (status.phase === 'opening') return <SnapshotCover otherwise={<Spin fullscreen tip="正在打开本机数据库…" />} />;
  if (status.phase === 'cleaning') {
    const percent = status.total ? Math.floor((status.done / status.total) * 100) : 0;
    return <Spin fullscreen percent={percent} tip={`上次载入演示数据时程序被关闭，正在删除未载入完成的演示数据（${percent}%）…`} />;
  }
  return <DatabaseProblemScreen status={status} />;
}
