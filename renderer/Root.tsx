import { useEffect, useState } from 'react';
import { Alert, Button, Result, Spin } from 'antd';
import { cadreDesk, messageOf } from './api';
import { useLocation } from './router';
import { useSession } from './stores/session';
import { FirstRunPage } from './features/firstRun/FirstRunPage';
import { AppShell } from './features/shell/AppShell';
import { DatabaseGate } from './features/startup/DatabaseGate';
import { PageBoundary } from './features/startup/PageBoundary';
import { SnapshotCover } from './features/roster/SnapshotCover';
import { settleSnapshotOwner } from './features/roster/snapshot';

/**
 * Loads who this installation is, opens the database (or says why it cannot), then the first-run screen until
 * there is a profile, then the shell. The outer boundary catches what the pages' own boundaries do not (the
 * shell's frame, the first-run screen): never a white window.
 */
export function Root() {
  const location = useLocation();
  return (
    <PageBoundary scope="app" where="程序" resetKey={`${location.name}?${location.params.toString()}`}>
      <Installation />
    </PageBoundary>
  );
}

function Installation() {
  const info = useSession((s) => s.info);
  const setInfo = useSession((s) => s.setInfo);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    setError(null);
    cadreDesk()
      .app.info()
      .then(setInfo)
      .catch((e: unknown) => setError(messageOf(e)));
  };
  useEffect(load, [setInfo]);

  if (error) {
    return (
      <Result
        status="error"
        title="程序无法读取本机信息"
        subTitle={<Alert type="error" title={error} />}
        extra={<Button onClick={load}>重试</Button>}
      />
    );
  }
  // while starting, the roster's snapshot if the boot script showed one (renderer/features/roster/snapshot.ts)
  if (!info) return <SnapshotCover otherwise={<Spin fullscreen tip="正在启动…" />} />;
  // one drawn under another installation or profile, or before the first run, is dropped before anything shows it
  settleSnapshotOwner(info);
  return (
    <DatabaseGate>
      {info.profile ? <AppShell info={info} /> : <FirstRunPage info={info} onDone={setInfo} />}
    </DatabaseGate>
  );
}
