import { f, type DataOf } from '../catalog/field';
import { defineRecordType, type RecordOfType } from '../catalog/recordType';

// 干部任免审批表: what the printed form carries beyond the dossier (docs/domain.md, the printed form). These are
// facts of one appointment proposal, not of the cadre, so they live in a record of their own, never in the dossier:
// filling in 拟任职务 on the form changes nothing in the cadre's record. Local (not synced): a proposal being
// drafted on this machine. One per cadre: its id is v5 of the cadre id, so the form is found by the cadre alone.
// The LRMX elements of the same facts are NiRenZhiWu, NiMianZhiWu, RenMianLiYou, ChengBaoDanWei,
// JiSuanNianLingShiJian, TianBiaoRen and TianBiaoShiJian (docs/domain.md, LRMX).

export const appointmentFormType = defineRecordType({
  table: 'appointmentForms',
  name: '任免审批表',
  // not a dossier tab nor a 档案记录 list: it is edited on the print preview only
  ownedByCadre: false,
  storage: 'table',
  syncs: false,
  id: {
    kind: 'natural',
    prefix: 'appointmentform',
    key: (r) => [r.cadreId],
    keyFields: ['cadreId'],
    taken: { action: 'refuse', message: () => '该干部的任免审批表已存在，请修改原表' },
  },
  fields: {
    cadreId: f.cadre('干部'),
    proposedPost: f.longText('拟任职务', { max: 200 }),
    proposedRemoval: f.longText('拟免职务', { max: 200 }),
    reason: f.longText('任免理由', { max: 500 }),
    reportingUnit: f.text('呈报单位', { max: 60 }),
    /** The month ages are counted at (docs/domain.md "Dates and ages"); the current month when empty. */
    ageAsOf: f.month('计算年龄时间', { help: '空为当月；可以是将来的会议月份', future: true }),
    filledBy: f.text('填表人', { max: 30 }),
    filledOn: f.date('填表时间', { future: true }),
  },
  list: ['proposedPost', 'proposedRemoval', 'reportingUnit', 'ageAsOf', 'filledBy', 'filledOn'],
  sections: [
    { title: '任免事项', fields: ['proposedPost', 'proposedRemoval', 'reason'] },
    { title: '呈报与填表', fields: ['reportingUnit', 'ageAsOf', 'filledBy', 'filledOn'] },
  ],
  title: (r) => (r.proposedPost ? `拟任${r.proposedPost}` : '任免审批表'),
  goneMessage: '该任免审批表已不存在，请刷新后重试。',
});

export type AppointmentFormFields = DataOf<typeof appointmentFormType.fields>;
export type AppointmentForm = RecordOfType<typeof appointmentFormType>;
export const AppointmentFormSchema = appointmentFormType.schema;
