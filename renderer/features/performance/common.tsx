import { Select, TreeSelect } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Cadre } from '../../../shared/domain/cadre';
import type { AppInfo } from '../../../shared/domain/installation';
import type { Unit } from '../../../shared/domain/unit';
import { problemsOf } from '../../../shared/catalog/validate';
import { unitOptions } from '../../components/unitOptions';
import { db } from '../../db/instance';
import type { CadreSource } from '../../db/performanceAnalysis';
import { rosterIndexOf } from '../roster/rosterIndex';
import { monthOf } from '../../../shared/rules/months';

// What the performance screens share: the unit tree, a cadre picker that searches by name (never a list of 100,000),
// and the way a refusal is shown (every problem, in the words the rules wrote).

export function useUnits(): Unit[] {
  return useLiveQuery(async () => (await db.units.toArray()).filter((u) => !u.deleted), []) ?? [];
}

export function UnitPicker({ value, onChange, testId }: { value: string | null; onChange: (id: string | null) => void; testId?: string }) {
  const units = useUnits();
  return (
    <TreeSelect
      data-testid={testId}
      aria-label="单位"
      style={{ minWidth: 220 }}
      placeholder="选择单位"
      treeDefaultExpandAll
      value={value ?? undefined}
      treeData={unitOptions(units)}
      onChange={(v) => onChange((v as string | undefined) ?? null)}
      allowClear
    />
  );
}

/** Picks a cadre by typing part of a name (the first 30 matches), or from those of one unit. */
export function CadrePicker({ value, onChange, testId, unitId }: { value: string | null; onChange: (c: Cadre | null) => void; testId?: string; unitId?: string | null }) {
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Cadre[]>([]);
  useEffect(() => {
    let alive = true;
    const q = query.trim();
    const base = unitId ? db.cadres.where('unitId').equals(unitId) : db.cadres.toCollection();
    void base
      .filter((c) => !c.deleted && (!q || c.name.includes(q)))
      .limit(30)
      .toArray()
      .then(async (found) => {
        // the chosen one stays an option while the list shows others
        if (value && !found.some((c) => c.id === value)) {
          const chosen = await db.cadres.get(value);
          if (chosen) found.unshift(chosen);
        }
        if (alive) setOptions(found);
      });
    return () => {
      alive = false;
    };
  }, [query, unitId, value]);
  return (
    <Select
      data-testid={testId}
      aria-label="干部"
      showSearch={{ filterOption: false, onSearch: setQuery }}
      style={{ minWidth: 200 }}
      placeholder="输入姓名查找干部"
      value={value ?? undefined}
      options={options.map((c) => ({ value: c.id, label: c.name }))}
      onChange={(id: string | undefined) => onChange(options.find((c) => c.id === id) ?? null)}
      allowClear
    />
  );
}

/** A refusal as one text: every problem's message, or the error's own. */
export function refusalText(error: unknown): string {
  const problems = problemsOf(error);
  if (problems.length) return problems.map((p) => p.message).join('；');
  return error instanceof Error ? error.message : String(error);
}

/** How this installation signs a workflow step. */
export const installationName = (info: AppInfo): string => info.profile?.name ?? '';

/** The colour of a status or cell tag. */
export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  unitReviewed: 'cyan',
  returned: 'orange',
  approved: 'green',
  applied: 'purple',
  missing: 'red',
};

/** The district's live cadres from the roster's in-memory index (read once per window): the statistics' source. */
export const rosterCadres: CadreSource = async () => {
  const index = rosterIndexOf(db);
  await index.load(monthOf(new Date()));
  return index.sortedBy('unit').map((r) => r.cadre);
};
