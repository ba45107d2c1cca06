import { useEffect, useRef } from 'react';
import type { StatTable } from '../../../shared/rules/cultivationStats';

// CJK fonts the office PCs and the test machines have, so the chart's labels never fall back to boxes
const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif';

/**
 * One statistics table as a bar chart. echarts is large and only this page needs it: it is imported when the
 * first chart is drawn (docs/cultivation.md "Statistics"), and drawn as SVG so its labels are real text.
 */
export function StatChart({ table }: { table: StatTable }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    let observer: ResizeObserver | undefined;
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      const c = echarts.init(ref.current, undefined, { renderer: 'svg' });
      chart = c;
      c.setOption({
        textStyle: { fontFamily: FONT },
        tooltip: { trigger: 'axis' },
        legend: table.chart.length > 1 ? { top: 0 } : undefined,
        grid: { left: 8, right: 8, bottom: 8, top: table.chart.length > 1 ? 32 : 16, containLabel: true },
        xAxis: { type: 'category', data: table.rows.map((r) => r.label), axisLabel: { interval: 0, fontFamily: FONT, width: 90, overflow: 'break' } },
        yAxis: { type: 'value', minInterval: 1 },
        series: table.chart.map((i) => ({
          type: 'bar',
          name: table.columns[i],
          data: table.rows.map((r) => r.values[i] ?? 0),
          label: { show: true, position: 'top', fontFamily: FONT },
        })),
      });
      observer = new ResizeObserver(() => c.resize());
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [table]);
  return <div ref={ref} data-testid={`chart-${table.key}`} style={{ width: '100%', height: 260 }} />;
}
