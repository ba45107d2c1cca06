import { f, schemaOf } from '../catalog/field';
import { defineRecordType, type RecordOfType } from '../catalog/recordType';

// 单位/机构: a node of the unit tree, authored by the department and synced (docs/domain.md "Glossary").

export const UNIT_NAME_MAX = 100;
/**
 * 单位代码 holds the 18-character 统一社会信用代码 or a department's own code (often hierarchical, like
 * 001.003.002); 30 characters leave room for either without letting a whole sentence in.
 */
export const UNIT_CODE_MAX = 30;

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
    // The attributes below came after the first stored units: each is optional with an empty default, so a unit
    // stored without them is still valid and reads as "not recorded".
    code: f.text('单位代码', { max: UNIT_CODE_MAX, help: '统一社会信用代码或本部门的单位编码' }),
    level: f.code('unitLevel', '单位级别'),
    category: f.code('unitCategory', '单位类别'),
    affiliation: f.code('unitAffiliation', '隶属关系'),
  },
  list: ['name', 'parentId', 'code', 'level', 'category', 'affiliation', 'order'],
  sections: [
    { title: '单位', fields: ['name', 'parentId', 'order'] },
    { title: '单位属性', fields: ['code', 'level', 'category', 'affiliation'] },
  ],
  title: (u) => u.name,
});

/** The attributes edited on 单位管理 beside the tree (name, parent and order have their own actions). */
export const UNIT_ATTRIBUTE_KEYS = ['code', 'level', 'category', 'affiliation'] as const;

export const UnitNameSchema = schemaOf(unitType.fields.name);
export const UnitSchema = unitType.schema;
type StoredUnit = RecordOfType<typeof unitType>;
export type UnitAttributes = Pick<StoredUnit, (typeof UNIT_ATTRIBUTE_KEYS)[number]>;
/** A unit as stored: units written before the attributes existed (or by an older peer) lack them. */
export type Unit = Omit<StoredUnit, keyof UnitAttributes> & Partial<UnitAttributes>;
