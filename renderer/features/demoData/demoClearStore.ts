import { create } from 'zustand';
import { db } from '../../db/instance';
import { messageOf } from '../../api';
import { clearDemoData } from './clearDemoData';
import { useDemoLoad, type Notify } from './demoLoadStore';

/**
 * The running (or last) clear of demo data, as UI state; like a load, it outlives leaving 本机设置, so coming
 * back shows where it is.
 */
export type DemoClearState =
  | { phase: 'idle' }
  | { phase: 'clearing'; done: number; total: number }
  | { phase: 'done'; deleted: number }
  | { phase: 'failed'; message: string };

export const useDemoClear = create<DemoClearState>(() => ({ phase: 'idle' }));

/** "已清除演示数据：1,000 名干部、52 个单位，共 2,140 条记录" */
export const describeCleared = (r: { cadres: number; units: number; deleted: number }): string =>
  `已清除演示数据：${r.cadres.toLocaleString('zh-CN')} 名干部、${r.units.toLocaleString('zh-CN')} 个单位，` +
  `共 ${r.deleted.toLocaleString('zh-CN')} 条记录。本机数据库已恢复为空。`;

/** Starts a clear unless a clear or a load is running; the outcome goes to the store and to `notify`. */
export async function startDemoClear(notify: Notify): Promise<void> {
  if (useDemoClear.getState().phase === 'clearing' || useDemoLoad.getState().phase === 'loading') return;
  useDemoClear.setState({ phase: 'clearing', done: 0, total: 0 });
  try {
    const r = await clearDemoData(db, { onProgress: (done, total) => useDemoClear.setState({ phase: 'clearing', done, total }) });
    const deleted = r.units + r.cadres + r.dossiers + r.blobs + r.training + r.auditEntries;
    useDemoClear.setState({ phase: 'done', deleted });
    // the last load's outcome no longer describes the database
    useDemoLoad.setState({ phase: 'idle' });
    notify.success(describeCleared({ cadres: r.cadres, units: r.units, deleted }));
  } catch (e) {
    const message = messageOf(e);
    useDemoClear.setState({ phase: 'failed', message });
    notify.error(message);
  }
}
