import { useMemo } from 'react';
import { Alert, Button, Card, Result, Space, Spin, Typography } from 'antd';
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { currentDatabaseName } from '../../db/databaseName';
import { useRestore } from '../backup/useRestore';
import { useSession } from '../../stores/session';
import type { DatabaseProblem } from './databaseStartup';
import type { DatabaseStatus } from './databaseStatus';
import { buildErrorReport } from './errorReport';
import { ReportBox } from './ReportBox';

interface Explained {
  title: string;
  /** What happened and what to do, in that order. */
  body: string;
  status: 'warning' | 'error' | 'info';
  /** Technical detail for the report; null where the case says it all. */
  detail: { name: string; message: string } | null;
}

const UNTOUCHED = '程序没有删除或改动本机数据库中的任何数据。';

function explain(status: Exclude<DatabaseStatus, { phase: 'ready' | 'opening' | 'cleaning' }>): Explained {
  if (status.phase === 'blocked') {
    return {
      title: '正在等待其他窗口让出本机数据库',
      body:
        '本机数据库需要升级到本程序的版本，但另一个窗口（例如仍在运行的旧版本程序）正在使用它。' +
        '请关闭其他干部选育管用信息系统窗口；关闭后本窗口会自动继续，无需其他操作。',
      status: 'info',
      detail: null,
    };
  }
  const problem: DatabaseProblem = status.problem;
  switch (problem.kind) {
    case 'newer':
      return {
        title: '本机数据库来自更新版本的程序',
        body:
          `本机数据库已被更新版本的干部选育管用信息系统使用过（数据库版本 ${problem.found}，本程序只支持到版本 ${problem.supported}），` +
          `本程序无法读懂其中的数据，为免损坏，没有打开它。${UNTOUCHED}请安装最新版本的程序后再启动；` +
          '如必须使用本版本，可以从本版本制作的备份恢复。',
        status: 'warning',
        detail: { name: 'VersionError', message: `installed schema ${problem.found} > supported ${problem.supported}` },
      };
    case 'versionchange':
      return {
        title: '本机数据库已被另一个窗口升级或更换',
        body:
          '另一个窗口（可能是更新版本的程序）正在升级或更换本机数据库。为避免两个窗口同时写入造成冲突，本窗口已断开与数据库的连接，' +
          '尚未保存的修改需要重新填写。请关闭本窗口，在另一个窗口中继续工作。',
        status: 'warning',
        detail: null,
      };
    case 'full':
      return {
        title: '磁盘空间不足，无法打开本机数据库',
        body: `本机磁盘已满，数据库无法打开。${UNTOUCHED}请删除不需要的文件或清空回收站，腾出空间后点击“重新检查”。`,
        status: 'error',
        detail: { name: problem.name, message: problem.message },
      };
    case 'failed':
      return {
        title: '本机数据库无法打开',
        body:
          `可能是数据文件损坏、磁盘故障，或升级数据库时出错。${UNTOUCHED}` +
          '请复制下面的错误报告发给系统管理员；也可以从备份恢复。',
        status: 'error',
        detail: { name: problem.name, message: problem.message },
      };
  }
}

/**
 * The screen for a database this window cannot use: which case it is, in plain Chinese, what to do, and restore
 * from backup as the way out. It never deletes or resets anything by itself.
 */
export function DatabaseProblemScreen({ status }: { status: Exclude<DatabaseStatus, { phase: 'ready' | 'opening' | 'cleaning' }> }) {
  const info = useSession((s) => s.info);
  const version = info?.version;
  const explained = explain(status);
  // into a fresh database: the one that cannot be opened is left exactly where it is
  const restore = useRestore(info, { safety: false });
  // restore only where it helps: not while waiting for another window, nor when that window took the database
  const canRestore = status.phase === 'problem' && (status.problem.kind === 'newer' || status.problem.kind === 'failed') && info !== null;
  const kind = status.phase === 'blocked' ? 'blocked' : status.problem.kind;
  const report = useMemo(() => {
    if (!explained.detail) return null;
    const error = Object.assign(new Error(explained.detail.message), { name: explained.detail.name });
    error.stack = undefined;
    return buildErrorReport({ error, hash: window.location.hash, version, at: new Date(), where: `本机数据库 ${currentDatabaseName()}` });
  }, [explained.detail, version]);

  return (
    <div
      style={{ minHeight: '100%', boxSizing: 'border-box', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 24 }}
    >
      <Card style={{ width: '100%', maxWidth: 760 }} data-testid="database-problem" data-kind={kind}>
        <Result
          status={explained.status}
          icon={status.phase === 'blocked' ? <Spin size="large" /> : undefined}
          style={{ padding: '8px 16px 0' }}
          title={explained.title}
          subTitle={<Typography.Paragraph style={{ textAlign: 'left', marginBottom: 0 }}>{explained.body}</Typography.Paragraph>}
          extra={
            <Space orientation="vertical" size="small" align="center">
              <Space wrap style={{ justifyContent: 'center' }}>
                {canRestore && (
                  <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => void restore.start()}>
                    从备份恢复
                  </Button>
                )}
                <Button icon={<ReloadOutlined />} onClick={() => window.location.reload()}>
                  {status.phase === 'problem' && status.problem.kind === 'versionchange' ? '重新载入' : '重新检查'}
                </Button>
              </Space>
              {canRestore && (
                <Typography.Text type="secondary" data-testid="restore-hint">
                  从备份恢复会把备份写入一个新的数据库并改用它；现在这个数据库原样保留，不会被删除。
                </Typography.Text>
              )}
            </Space>
          }
        />
        {restore.holder}
        {report && (
          <Space orientation="vertical" size="middle" style={{ width: '100%', marginTop: 8 }}>
            {status.phase === 'problem' && status.problem.kind === 'failed' && (
              <Alert type="error" showIcon title={`${explained.detail!.name}：${explained.detail!.message}`} />
            )}
            <ReportBox report={report} />
          </Space>
        )}
      </Card>
    </div>
  );
}
