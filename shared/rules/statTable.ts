// One statistics table as the areas' statistics pages show it (培养历练, 管理监督, 选拔任用): the chart beside it
// draws some of its columns (renderer/components/StatChart.tsx), the table shows them all, and the xlsx export
// writes it as it is.

export interface StatTable {
  key: string;
  title: string;
  /** The first column's header (the categories). */
  category: string;
  /** Headers of the value columns. */
  columns: string[];
  rows: { label: string; values: number[] }[];
  /** Which value columns the chart draws (by index); the others are shown in the table only. */
  chart: number[];
  /** The chart stacks its series (parts of one whole) rather than setting them side by side. */
  stacked?: boolean;
}
