import type { ReactNode } from 'react';
import { Alert, Button, Card, Result, Space, Typography } from 'antd';
import { ErrorBoundary, type CaughtError } from '../../components/ErrorBoundary';
import { navigate } from '../../router';
import { useSession } from '../../stores/session';
import { buildErrorReport, errorMessage } from './errorReport';
import { ReportBox } from './ReportBox';

/**
 * What a broken page shows instead of a white screen: which page failed and the error, a copyable report, and a
 * way back to the roster. `scope: 'app'` is the outermost boundary (first run, the shell's frame): there it also
 * offers to reload the program, since the roster itself may be what cannot be drawn.
 */
export function PageErrorScreen({ caught, where, scope }: { caught: CaughtError; where: string; scope: 'page' | 'app' }) {
  const version = useSession((s) => s.info?.version);
  const report = buildErrorReport({ ...caught, version, where });
  const backToRoster = () => {
    navigate('roster');
    // on the roster already, the route does not change: reset by hand
    caught.reset();
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: scope === 'app' ? 24 : 0 }}>
      <Card style={{ width: '100%', maxWidth: 820 }} data-testid="page-error">
        <Result
          status="warning"
          style={{ padding: '8px 16px 0' }}
          title={scope === 'page' ? `“${where}”页面出错，未能显示` : '程序界面出错，未能显示'}
          subTitle="已保存的数据不受影响。可以返回干部名册继续工作；如果再次出现，请复制下面的错误报告发给系统管理员。"
          extra={
            <Space wrap style={{ justifyContent: 'center' }}>
              <Button type="primary" onClick={backToRoster}>
                返回干部名册
              </Button>
              {scope === 'page' ? (
                <Button onClick={caught.reset}>重新显示本页</Button>
              ) : (
                <Button onClick={() => window.location.reload()}>重新载入程序</Button>
              )}
            </Space>
          }
        />
        <Space orientation="vertical" size="middle" style={{ width: '100%', marginTop: 16 }}>
          <Alert
            type="error"
            showIcon
            title="错误信息"
            description={<Typography.Text data-testid="page-error-message">{errorMessage(caught.error)}</Typography.Text>}
          />
          <ReportBox report={report} />
        </Space>
      </Card>
    </div>
  );
}

/** One page (or, with scope 'app', the whole window) behind an error boundary that resets on `resetKey`. */
export function PageBoundary({
  children,
  where,
  resetKey,
  scope = 'page',
}: {
  children: ReactNode;
  where: string;
  resetKey: string;
  scope?: 'page' | 'app';
}) {
  return (
    <ErrorBoundary resetKey={resetKey} fallback={(caught) => <PageErrorScreen caught={caught} where={where} scope={scope} />}>
      {children}
    </ErrorBoundary>
  );
}
