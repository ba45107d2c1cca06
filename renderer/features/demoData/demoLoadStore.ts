import { create } from 'zustand';
import type { AppInfo } from '../../../shared/domain/installation';
import { monthOf } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import { messageOf } from '../../api';
import { loadDemoData } from './loadDemoData';

/**
 * The running (or last) demo load, as UI state. It lives outside the settings card so that leaving 本机设置
 * during a minute-long load neither stops it nor loses its progress: coming back shows the bar where it is.
 */
export type DemoLoadState =
  | { phase: 'idle' }
  /** `training`: once every cadre is stored, how far the 培养历练 that follow are (their generation's steps). */
  | { phase: 'loading'; done: number; total: number; startedAt: number; training: { done: number; total: number } | null }
  | { phase: 'done'; done: number; total: number; records: number; seconds: number }
  | { phase: 'failed'; done: number; total: number; message: string };

export const useDemoLoad = create<DemoLoadState>(() => ({ phase: 'idle' }));

export interface Notify {
  success(text: string): void;
  error(text: string): void;
}

/** "已载入 100,000 名干部（共 2,140,503 条记录），用时 41.2 秒" */
export const describeDone = (s: { done: number; records: number; seconds: number }): string =>
  `已载入 ${s.done.toLocaleString('zh-CN')} 名干部（共 ${s.records.toLocaleString('zh-CN')} 条记录），用时 ${s.seconds.toFixed(1)} 秒`;

/** Starts a load unless one is running; the outcome goes to the store and to `notify` (antd's message). */
export async function startDemoLoad(info: AppInfo, cadres: number, notify: Notify): Promise<void> {
  if (useDemoLoad.getState().phase === 'loading') return;
  const startedAt = Date.now();
  useDemoLoad.setState({ phase: 'loading', done: 0, total: cadres, startedAt, training: null });
  let done = 0;
  try {
    const result = await loadDemoData(db, {
      cadres,
      installationId: info.installationId,
      operator: info.profile?.operator ?? '',
      asOf: monthOf(new Date()),
      onProgress: (n, total) => {
        done = n;
        useDemoLoad.setState({ phase: 'loading', done: n, total, startedAt, training: null });
      },
      onTrainingProgress: (stepsDone, steps) => useDemoLoad.setState({ phase: 'loading', done, total: cadres, startedAt, training: { done: stepsDone, total: steps } }),
    });
    const finished = { phase: 'done', done: result.cadres, total: cadres, records: result.records, seconds: (Date.now() - startedAt) / 1000 } as const;
    useDemoLoad.setState(finished);
    notify.success(describeDone(finished));
  } catch (e) {
    const message = messageOf(e);
    useDemoLoad.setState({ phase: 'failed', done, total: cadres, message });
    notify.error(message);
  }
}
