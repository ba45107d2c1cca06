import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Descriptions, Space, TreeSelect, Typography } from 'antd';
import { INSTALLATION_TYPES, type AppInfo } from '../../../shared/domain/installation';
import { unitPath } from '../../../shared/rules/unitTree';
import { unitOptions } from '../../components/unitOptions';
import { db } from '../../db/instance';
import { cadreDesk, messageOf } from '../../api';
import { useSession } from '../../stores/session';
import { DemoDataCard } from '../demoData/DemoDataCard';
import { StorageCard } from '../storage/StorageCard';
import { BackupCard } from '../backup/BackupCard';
import { ProfileNamesCard } from './ProfileNamesCard';


/** 本机设置: who this installation is; a unit installation picks its own unit here. */
export function SettingsPage({ info }: { info: AppInfo }) {
  const { message } = App.useApp();
  const setInfo = useSession((s) => s.setInfo);
  const profile = info.profile!;
  const units = useLiveQuery(() => db.units.toArray(), []);
  const options = useMemo(() => unitOptions(units ?? []), [units]);
  const [unitId, setUnitId] = useState<string | null>(profile.unitId);
  const [saving, setSaving] = useState(false);

  const saveUnit = async () => {
    setSaving(true);
    try {
      setInfo(await cadreDesk().app.updateProfile({ unitId }));
      message.success('已保存本单位');
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Card title="本机信息">
        <Descriptions bordered size="small" column={1} labelStyle={{ width: 160 }} data-testid="installation-info">
          <Descriptions.Item label="本机名称">{profile.name}</Descriptions.Item>
          <Descriptions.Item label="本机类型">{INSTALLATION_TYPES[profile.type]}</Descriptions.Item>
          <Descriptions.Item label="操作员">{profile.operator}</Descriptions.Item>
          <Descriptions.Item label="安装标识">
            <Typography.Text code data-testid="installation-id">
              {info.installationId}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="标识指纹（核对用）">
            <Typography.Text code data-testid="fingerprint">
              {info.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="私钥保护方式">
            {info.keyProtection === 'safeStorage'
              ? '操作系统加密存储'
              : '仅当前用户可读的文件（本机操作系统未提供加密存储，请妥善保管本机数据文件夹）'}
          </Descriptions.Item>
          <Descriptions.Item label="数据文件夹">
            <Typography.Text copyable>{info.dataFolder}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="程序版本">{info.version}</Descriptions.Item>
        </Descriptions>
      </Card>
      <ProfileNamesCard info={info} onSaved={setInfo} />
      {profile.type === 'unit' && (
        <Card title="本单位">
          {options.length === 0 ? (
            <Alert
              type="info"
              showIcon
              title="尚无单位树"
              description="单位树由组织部维护。导入组织部发来的首个数据包后，在这里选择本单位。"
            />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>
                当前本单位：{profile.unitId ? unitPath(units ?? [], profile.unitId).join(' › ') || '（已不存在）' : '未选择'}
              </Typography.Text>
              <Space>
                <TreeSelect
                  aria-label="本单位"
                  style={{ width: 420 }}
                  treeData={options}
                  value={unitId ?? undefined}
                  onChange={(v: string | undefined) => setUnitId(v ?? null)}
                  allowClear
                  showSearch
                  treeNodeFilterProp="title"
                  treeDefaultExpandAll
                  placeholder="请选择本单位"
                />
                <Button type="primary" loading={saving} onClick={saveUnit} disabled={unitId === profile.unitId}>
                  保存
                </Button>
              </Space>
            </Space>
          )}
        </Card>
      )}
      <DemoDataCard info={info} />
      <BackupCard info={info} />
      <StorageCard />
    </Space>
  );
}
