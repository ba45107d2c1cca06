import { useCallback, useState } from 'react';
import { Button, Modal, Progress, Typography } from 'antd';
import { newId } from '../../../shared/ids';
import { cadreDesk } from '../../api';

// A long print job (a batch of 任免审批表 into PDF): its progress, as the main process reports it under the job's
// task id, and a 取消 button that stops it at the next form or file.

interface Running {
  taskId: string;
  title: string;
  done: number;
  total: number;
  label: string;
  canceling: boolean;
}

export function usePrintTask() {
  const [running, setRunning] = useState<Running | null>(null);

  /** Runs `job` with a fresh task id, showing its progress until it ends (whatever the outcome). */
  const run = useCallback(async <T,>(title: string, job: (taskId: string) => Promise<T>): Promise<T> => {
    const taskId = newId();
    setRunning({ taskId, title, done: 0, total: 0, label: '正在准备…', canceling: false });
    const off = cadreDesk().on('progress', (p) => {
      if (p.taskId === taskId) setRunning((r) => (r && r.taskId === taskId ? { ...r, done: p.done, total: p.total, label: p.label } : r));
    });
    try {
      return await job(taskId);
    } finally {
      off();
      setRunning(null);
    }
  }, []);

  const cancel = () => {
    if (!running) return;
    setRunning({ ...running, canceling: true });
    void cadreDesk().print.cancel({ taskId: running.taskId });
  };

  const dialog = (
    <Modal open={!!running} title={running?.title} closable={false} maskClosable={false} footer={null} data-testid="print-progress">
      {running && (
        <>
          <Typography.Paragraph>
            {running.label}
            {running.total ? `：${running.done} / ${running.total}` : ''}
          </Typography.Paragraph>
          <Progress percent={running.total ? Math.floor((running.done / running.total) * 100) : 0} status="active" />
          <div style={{ textAlign: 'right', marginTop: 12 }}>
            <Button onClick={cancel} disabled={running.canceling}>
              {running.canceling ? '正在取消…' : '取消'}
            </Button>
          </div>
        </>
      )}
    </Modal>
  );
  return { run, dialog };
}
