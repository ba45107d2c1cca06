import { useEffect, useState } from 'react';
import { Alert, Button, Result, Spin } from 'antd';
import { cadreDesk, messageOf } from './api';
import { useSession } from './stores/session';
import { FirstRunPage } from './features/firstRun/FirstRunPage';
import { AppShell } from './features/shell/AppShell';

/** Loads who this installation is; the first-run screen until it has a profile, then the shell. */
export function Root() {
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
  if (!info) return <Spin fullscreen tip="正在启动…" />;
  if (!info.profile) return <FirstRunPage info={info} onDone={setInfo} />;
  return <AppShell info={info} />;
}
