import { useEffect, useRef } from 'react';
import type { SupervisionStatTable } from '../../../shared/rules/supervisionStats';

// Fonts with Chinese glyphs on the office PCs and the test machines, so no label falls back to empty boxes.
const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif';

/**
 * One of the year's tables as a bar chart (several columns: stacked). echarts is large and only the 统计 tab needs
 * it, so it is loaded when the first chart mounts; SVG keeps the labels real, selectable text.
 */
export function StatChart({ table }: { table: SupervisionStatTable }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let gone = false;
    let dispose = () => {};
    void import('echarts').then((echarts) => {
      const el = box.current;
      if (gone || !el) return;
      const chart = echarts.init(el, undefined, { renderer: 'svg' });
      const several = table.chart.length > 1;
      chart.setOption({
        textStyle: { fontFamily: FONT },
        tooltip: { trigger: 'axis' },
        legend: several ? { top: 0, textStyle: { fontFamily: FONT } } : undefined,
        grid: { left: 8, right: 8, bottom: 8, top: several ? 36 : 20, containLabel: true },
        xAxis: { type: 'category', data: table.rows.map((r) => r.label), axisLabel: { interval: 0, fontFamily: FONT, width: 72, overflow: 'break' } },
        yAxis: { type: 'value', minInterval: 1 },
        series: table.chart.map((i) => ({
          type: 'bar',
          name: table.columns[i],
          stack: several && table.key === 'clues' ? 'all' : undefined,
          data: table.rows.map((r) => r.values[i] ?? 0),
          label: { show: !several || table.key !== 'clues', position: 'top', fontFamily: FONT },
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
      gone = true;
      dispose();
    };
  }, [table]);
  return <div ref={box} data-testid={`chart-${table.key}`} style={{ width: '100%', height: 240 }} />;
}
