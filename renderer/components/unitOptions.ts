import type { Unit } from '../../shared/domain/unit';
import { buildUnitTree, type UnitNode } from '../../shared/rules/unitTree';

/** A unit as an antd TreeSelect option. */
export interface UnitOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: UnitOption[];
}

/** The live unit tree as TreeSelect options; `disabled` marks units that may not be chosen. */
export function unitOptions(units: readonly Unit[], disabled?: (unitId: string) => boolean): UnitOption[] {
  const toOption = (n: UnitNode): UnitOption => ({
    value: n.unit.id,
    title: n.unit.name,
    ...(disabled?.(n.unit.id) ? { disabled: true } : {}),
    children: n.children.map(toOption),
  });
  return buildUnitTree(units).map(toOption);
}
