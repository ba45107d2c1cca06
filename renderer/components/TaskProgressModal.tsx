import { Button, Modal, Progress, Typography } from 'antd';

/** A long task the screen waits on: what it is, the step it is at, how far it has got, and whether it can be cancelled. */
export type RunningTask = { title: string; phase?: string; progress: { done: number; total: number }; cancel?: () => void } | null;

const n = (x: number) => x.toLocaleString('zh-CN');

/**
 * The modal of a running backup, restore or bundle export: it cannot be dismissed, only cancelled when the task
 * allows it, and shows the records done so far (the total too once it is known).
 */
export function TaskProgressModal({ task, testId }: { task: RunningTask; testId?: string }) {
  const { done = 0, total = 0 } = task?.progress ?? {};
  return (
    <Modal open={task !== null} title={task?.title} closable={false} maskClosable={false} keyboard={false} footer={task?.cancel ? <Button onClick={task.cancel}>取消</Button> : null}>
      {task?.phase && <Typography.Paragraph>{task.phase}…</Typography.Paragraph>}
      <Progress percent={total ? Math.floor((done / total) * 100) : 0} status="active" data-testid={testId} />
      {task && (
        <Typography.Text type="secondary">
          已处理 {n(done)}
          {total > 0 ? ` / ${n(total)}` : ''} 条记录
        </Typography.Text>
      )}
    </Modal>
  );
}
