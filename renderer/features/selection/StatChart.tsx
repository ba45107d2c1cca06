import { useEffect, useRef } from 'react';
import type { SelectionStatTable } from '../../../shared/rules/selectionStats';

// CJK fonts the office PCs and the test machines have, so the chart's labels never fall back to boxes
const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif';

/**
 * One statistics table as a bar chart. echarts is large and only the statistics view needs it: it is imported when
 * the first chart is drawn, and drawn as SVG so its labels are real text (docs/selection.md "Statistics").
 */
export function StatChart({ table }: { table: SelectionStatTable }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    let observer: ResizeObserver | undefined;
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      const c = echarts.init(ref.current, undefined, { renderer: 'svg' });
      chart = c;
      const legend = table.chart.length > 1;
      c.setOption({
        textStyle: { fontFamily: FONT },
        tooltip: { trigger: 'axis' },
        legend: legend ? { top: 0, textStyle: { fontFamily: FONT } } : undefined,
        grid: { left: 8, right: 8, bottom: 8, top: legend ? 40 : 16, containLabel: true },
        xAxis: { type: 'category', data: table.rows.map((r) => r.label), axisLabel: { interval: 0, rotate: table.rows.length > 6 ? 30 : 0, fontFamily: FONT, width: 90, overflow: 'truncate' } },
        yAxis: { type: 'value', minInterval: 1 },
        series: table.chart.map((i) => ({
          type: 'bar',
          name: table.columns[i],
          ...(table.stacked ? { stack: 'all' } : {}),
          data: table.rows.map((r) => r.values[i] ?? 0),
          label: { show: !table.stacked, position: 'top', fontFamily: FONT },
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
  return <div ref={ref} data-testid={`chart-${table.key}`} style={{ width: '100%', height: 280 }} />;
}
