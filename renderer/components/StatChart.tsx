import { useEffect, useRef } from 'react';
import type { StatTable } from '../../shared/rules/statTable';

// Fonts with Chinese glyphs on the office PCs and the test machines, so no label falls back to empty boxes
const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif';

/**
 * One statistics table as a bar chart, for the areas' statistics pages. echarts is large and only these pages need
 * it: it is imported when the first chart mounts, and drawn as SVG so that its labels are real, selectable text.
 * A table marked `stacked` draws its series as parts of one bar.
 */
export function StatChart({ table, height = 260 }: { table: StatTable; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import('echarts').then((echarts) => {
      const el = ref.current;
      if (disposed || !el) return;
      const chart = echarts.init(el, undefined, { renderer: 'svg' });
      const legend = table.chart.length > 1;
      chart.setOption({
        textStyle: { fontFamily: FONT },
        tooltip: { trigger: 'axis' },
        legend: legend ? { top: 0, textStyle: { fontFamily: FONT } } : undefined,
        grid: { left: 8, right: 8, bottom: 8, top: legend ? 40 : 16, containLabel: true },
        xAxis: {
          type: 'category',
          data: table.rows.map((r) => r.label),
          axisLabel: { interval: 0, rotate: table.rows.length > 6 ? 30 : 0, fontFamily: FONT, width: 90, overflow: 'break' },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: table.chart.map((i) => ({
          type: 'bar',
          name: table.columns[i],
          ...(table.stacked ? { stack: 'all' } : {}),
          data: table.rows.map((r) => r.values[i] ?? 0),
          label: { show: !table.stacked, position: 'top', fontFamily: FONT },
        })),
      });
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(el);
      dispose = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [table]);
  return <div ref={ref} data-testid={`chart-${table.key}`} style={{ width: '100%', height }} />;
}
