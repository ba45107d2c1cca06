import { useEffect } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { checkSpaceFor, formatBytes } from '../../../shared/rules/storageSpace';
import { refreshStorageEstimate, requestPersistentStorage, useStorageStatus } from './storageStatus';

/** A planned write this big should still fit easily: below it the card warns that space is short. */
const COMFORT_BYTES = 200 * 1024 * 1024;

/** 存储空间 (本机设置): how much the database uses, what the browser allows, and whether it may be evicted. */
export function StorageCard() {
  const { persisted, persistError, figures } = useStorageStatus();
  useEffect(() => {
    void refreshStorageEstimate();
  }, []);
  const share = figures && figures.quota > 0 ? Math.min(100, (figures.usage / figures.quota) * 100) : null;
  const space = checkSpaceFor(COMFORT_BYTES, figures);

  return (
    <Card
      title="存储空间"
      data-testid="storage-card"
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void refreshStorageEstimate()}>
          刷新
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }}>
          <Descriptions.Item label="已用空间">
            <span data-testid="storage-usage">{figures ? formatBytes(figures.usage) : '无法读取'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="可用上限">
            <Space size="large" style={{ width: '100%' }}>
              <span data-testid="storage-quota">{figures ? formatBytes(figures.quota) : '无法读取'}</span>
              {share !== null && (
                <Progress percent={Number(share.toFixed(1))} size="small" style={{ margin: 0, width: 320 }} aria-label="已用比例" />
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="数据保留">
            <span data-testid="storage-persisted">
              {persisted === null
                ? '正在确认…'
                : persisted
                  ? '已设为持久保存：磁盘空间紧张时也不会被自动清除'
                  : '未获持久保存许可：磁盘空间极度紧张时，系统可能清除本机数据'}
            </span>
          </Descriptions.Item>
        </Descriptions>
        {persisted === false && (
          <Alert
            type="warning"
            showIcon
            title="本机数据未获持久保存许可"
            description={
              <Space orientation="vertical" size={4}>
                <span>请保持磁盘有充足的剩余空间，并定期备份本机数据。{persistError ? `（${persistError}）` : ''}</span>
                <Button size="small" onClick={() => void requestPersistentStorage()}>
                  再次申请
                </Button>
              </Space>
            }
          />
        )}
        {space.known && space.warn && (
          <Alert type="warning" showIcon title="存储空间紧张" description={space.message} data-testid="storage-warning" />
        )}
        <Typography.Text type="secondary">
          “可用上限”是本程序最多可以使用的空间，随磁盘剩余空间变化。
        </Typography.Text>
      </Space>
    </Card>
  );
}
