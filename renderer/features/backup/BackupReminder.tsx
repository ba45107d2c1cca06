import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Button } from 'antd';
import { db } from '../../db/instance';
import { navigate } from '../../router';
import { currentReminder } from './reminder';

/** The home screen's reminder to back up (本机设置 → 备份与恢复 sets after how many days). */
export function BackupReminder() {
  const text = useLiveQuery(() => currentReminder(db), []);
  if (!text) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={text}
      style={{ marginBottom: 12 }}
      data-testid="backup-reminder"
      action={
        <Button size="small" onClick={() => navigate('settings')}>
          去备份
        </Button>
      }
    />
  );
}
