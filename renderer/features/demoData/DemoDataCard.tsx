import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Progress, Select, Space, Typography } from 'antd';
import type { AppInfo } from '../../../shared/domain/installation';
import { db } from '../../db/instance';
import { HOW_TO_CLEAR, databaseContents, demoDataBlocker } from './demoMark';
import { describeDone, startDemoLoad, useDemoLoad, type DemoLoadState } from './demoLoadStore';
import { startDemoClear, useDemoClear, type DemoClearState } from './demoClearStore';

const SIZES = [1_000, 10_000, 100_000] as const;
/** The generator averages ~21 records per cadre (the dossier's sub-records). */
const RECORDS_PER_CADRE = 21;

const count = (n: number) => n.toLocaleString('zh-CN');

/** 培训与演示数据 (本机设置): fills an empty database with generated, fictional cadres. */
export function DemoDataCard({ info }: { info: AppInfo }) {
  const { message, modal } = App.useApp();
  const [size, setSize] = useState<number>(SIZES[0]);
  const state = useDemoLoad();
  const clear = useDemoClear();
  const contents = useLiveQuery(() => databaseContents(db), []);
  const loading = state.phase === 'loading';
  const clearing = clear.phase === 'clearing';
  const blocker = contents ? demoDataBlocker(contents) : null;
  const notify = { success: (t: string) => message.success(t, 8), error: (t: string) => message.error(t, 10) };

  const confirm = () =>
    modal.confirm({
      title: `载入 ${count(size)} 名虚构干部？`,
      width: 520,
      content: (
        <Space orientation="vertical">
          <span>
            {`将向本机数据库写入 ${count(size)} 名由程序生成的虚构干部及其履历、学历、家庭成员等，` +
              `约 ${(Math.round((size * RECORDS_PER_CADRE) / 1000) / 10).toLocaleString('zh-CN')} 万条记录。载入期间请勿关闭程序。`}
          </span>
          <span>演示数据仅供培训和测试使用，不得用于实际工作；载入后，本机每个页面都会显示演示数据提示。</span>
          <span>若载入中途出错，已写入的部分会保留并标记为演示数据。{HOW_TO_CLEAR}</span>
        </Space>
      ),
      okText: '载入',
      cancelText: '取消',
      onOk: () => {
        // not awaited: the dialog closes at once and the progress bar in the card takes over
        void startDemoLoad(info, size, notify);
      },
    });

  const confirmClear = () =>
    modal.confirm({
      title: '清除全部演示数据？',
      width: 520,
      content: (
        <Space orientation="vertical">
          <span>
            {'将删除本机数据库中的全部单位、干部及其档案记录和照片，包括载入演示数据后手工新增或修改的记录，' +
              '删除后不能恢复。'}
          </span>
          <span>本机的安装标识、操作员、已保存的查询和列设置保留。清除后可以录入实际数据，或重新载入演示数据。</span>
        </Space>
      ),
      okText: '清除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => {
        void startDemoClear(notify);
      },
    });

  return (
    <Card title="培训与演示数据" data-testid="demo-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {/* one string per line with explicit joins: a JSX line break would put a space between Chinese sentences */}
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {'在'}
          <Typography.Text strong>空的</Typography.Text>
          {'本机数据库中载入一批虚构干部（姓名、身份证号码、履历等均由程序生成，与真实人员无关），用于操作培训和性能试验。演示数据'}
          <Typography.Text strong>不得用于实际工作</Typography.Text>
          {'，只能载入尚无任何单位和干部记录的数据库。'}
        </Typography.Paragraph>
        <Space wrap>
          <span>规模：</span>
          <Select
            aria-label="演示数据规模"
            data-testid="demo-size"
            style={{ width: 180 }}
            // during and after a load (also on coming back to this page) the size shown is the one loading
            value={state.phase === 'loading' || state.phase === 'done' ? state.total : size}
            onChange={setSize}
            disabled={loading || !!blocker}
            options={SIZES.map((n) => ({ value: n, label: `${count(n)} 名干部` }))}
          />
          <Button
            type="primary"
            data-testid="demo-load"
            onClick={confirm}
            // no spinner: the bar below says how far it is, and an animation repainted for a minute takes CPU from
            // the load itself (see LoadProgress)
            disabled={loading || !contents || !!blocker || clearing}
          >
            载入演示数据
          </Button>
          {/* only a database marked as a training one can be emptied here */}
          {(contents?.demo || clearing) && (
            <Button danger data-testid="demo-clear" onClick={confirmClear} disabled={loading || clearing}>
              清除演示数据
            </Button>
          )}
        </Space>
        {blocker && !loading && !clearing && <Alert type="info" showIcon data-testid="demo-blocked" title={blocker} />}
        <LoadProgress state={state} />
        <ClearProgress state={clear} />
      </Space>
    </Card>
  );
}

/** The bar and its words: while loading, and afterwards until the next start (the outcome stays visible). */
function LoadProgress({ state }: { state: DemoLoadState }) {
  const seconds = useElapsedSeconds(state.phase === 'loading' ? state.startedAt : null);
  if (state.phase === 'idle') return null;
  // two steps, each with the bar from 0 to 100: the cadres and their dossiers, then the 培养历练 (at 100,000 cadres
  // the longer of the two), so the bar never stands full while records are still being stored
  const training = state.phase === 'loading' ? state.training : null;
  const share = (done: number, total: number) => (total ? Math.floor((done / total) * 100) : 0);
  const percent = training ? share(training.done, training.total) : share(state.done, state.total);
  // not 'active': its shimmer is an animation repainted 60 times a second, and with software rendering (Chromium
  // without a GPU, as on many office PCs) that took 4.5 s of CPU from the 100,000-cadre load's two cores; the bar
  // moves with every batch and the seconds tick, so the load still shows it is working
  const status = state.phase === 'loading' ? 'normal' : state.phase === 'done' ? 'success' : 'exception';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Progress data-testid="demo-progress" percent={percent} status={status} />
      {state.phase === 'loading' && (
        <Typography.Text data-testid="demo-progress-text">
          {training
            ? `第 2 步（共 2 步）：${count(state.total)} 名干部已载入，正在载入培养历练记录（培训班、参训学员、挂职等），已完成 ${percent}%，已用时 ${seconds} 秒`
            : `第 1 步（共 2 步）：已载入 ${count(state.done)} / ${count(state.total)} 名干部，已用时 ${seconds} 秒`}
        </Typography.Text>
      )}
      {state.phase === 'done' && <Alert type="success" showIcon data-testid="demo-result" title={describeDone(state)} />}
      {state.phase === 'failed' && <Alert type="error" showIcon data-testid="demo-result" title={state.message} />}
    </Space>
  );
}

/** The clear's bar, and its outcome until the next clear. */
function ClearProgress({ state }: { state: DemoClearState }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'done') return null; // the success message says it; the card shows an empty database again
  if (state.phase === 'failed') return <Alert type="error" showIcon data-testid="demo-clear-result" title={state.message} />;
  const percent = state.total ? Math.floor((state.done / state.total) * 100) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Progress data-testid="demo-clear-progress" percent={percent} />
      <Typography.Text>
        正在清除演示数据：已删除 {count(state.done)} / {count(state.total)} 条记录
      </Typography.Text>
    </Space>
  );
}

/** Whole seconds since `since`, ticking once a second (progress may arrive less often than that). */
function useElapsedSeconds(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}
