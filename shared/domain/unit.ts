import { f, schemaOf } from '../catalog/field';
import { defineRecordType, type RecordOfType } from '../catalog/recordType';

// 单位/机构: a node of the unit tree, authored by the department and synced (docs/domain.md "Glossary").

export const UNIT_NAME_MAX = 100;

export const unitType = defineRecordType({
  table: 'units',
  name: '单位',
  ownedByCadre: false,
  storage: 'table',
  syncs: true,
  // v5 of (parent, name) at creation, so two machines creating the same unit create one record; if a live unit
  // still holds the id (it was renamed or moved since), a fresh v7 id.
  id: { kind: 'natural', prefix: 'unit', key: (u) => [u.parentId ?? 'root', u.name], keyFields: [], taken: { action: 'newId' } },
  fields: {
    name: f.text('单位名称', { max: UNIT_NAME_MAX, required: true }),
    parentId: f.unit('上级单位', { required: false }),
    /** Position among its siblings; smaller first. */
    order: f.number('排序', { min: -1e9, max: 1e9, required: true }),
  },
  list: ['name', 'parentId', 'order'],
  title: (u) => u.name,
});

export const UnitNameSchema = schemaOf(unitType.fields.name);
export const UnitSchema = unitType.schema;
export type Unit = RecordOfType<typeof unitType>;
