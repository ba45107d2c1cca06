import { useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Drawer, Empty, Form, Input, InputNumber, Popconfirm, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { AUDIENCES, AUDIENCE_KEYS, CLASS_FORMATS, trainingClassType, trainingProgramType, type Enrollment, type TrainingClass } from '../../../shared/domain/cultivation';
import {
  classesOfYear,
  createClass,
  createProgram,
  deleteClass,
  deleteEnrollment,
  enrollPerson,
  enrollmentCounts,
  enrollmentsOfClass,
  programDefaults,
  programOf,
  updateClass,
  updateEnrollment,
  updateProgram,
} from '../../db/cultivation';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { messageOf } from '../../api';
import { RecordDialog } from './RecordDialog';

/** 培训计划与培训班 of one year: the programme (quotas, required hours), its classes, each class's trainees. */
export function TrainingPanel({ ctx, year }: { ctx: WriteContext; year: number }) {
  const { message } = App.useApp();
  const program = useLiveQuery(() => programOf(db, year).then((p) => p ?? null), [year]);
  const classes = useLiveQuery(async () => {
    const list = await classesOfYear(db, year);
    const counts = await enrollmentCounts(db, list.map((c) => c.id));
    return list.map((c) => ({ ...c, trainees: counts.get(c.id) ?? 0 }));
  }, [year]);
  const [editProgram, setEditProgram] = useState(false);
  const [editClass, setEditClass] = useState<TrainingClass | 'new' | null>(null);
  const [openClass, setOpenClass] = useState<TrainingClass | null>(null);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        size="small"
        title={`${year}年度培训计划`}
        extra={
          program ? (
            <Button onClick={() => setEditProgram(true)}>修改计划</Button>
          ) : (
            <Button type="primary" onClick={() => setEditProgram(true)}>
              建立年度培训计划
            </Button>
          )
        }
      >
        {program ? (
          <Descriptions size="small" column={3} data-testid="training-program">
            <Descriptions.Item label="计划名称">{program.name}</Descriptions.Item>
            <Descriptions.Item label="每人年度应修学时">{program.requiredHours}</Descriptions.Item>
            {AUDIENCE_KEYS.map((k) => (
              <Descriptions.Item key={k} label={`${AUDIENCES[k]}名额`}>
                {program.quotas[k] ?? 0}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">本年度还没有培训计划：建立时按“3411”预填名额（处级300、科级400、社区书记100、非公和社会组织书记100），可以修改。</Typography.Text>
        )}
      </Card>
      <Card
        size="small"
        title="培训班"
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setEditClass('new')}>
            新增培训班
          </Button>
        }
      >
        <Table
          size="small"
          rowKey="id"
          data-testid="training-classes"
          dataSource={classes ?? []}
          pagination={false}
          locale={{ emptyText: `${year}年还没有培训班` }}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'name', title: '培训班名称', dataIndex: 'name' },
            { key: 'format', title: '培训形式', render: (_, c) => CLASS_FORMATS[c.format] },
            { key: 'audience', title: '培训对象', render: (_, c) => AUDIENCES[c.audience] },
            { key: 'organiser', title: '主办单位', dataIndex: 'organiser' },
            { key: 'from', title: '开班日期', dataIndex: 'from' },
            { key: 'to', title: '结业日期', dataIndex: 'to' },
            { key: 'hours', title: '学时', dataIndex: 'hours' },
            { key: 'trainees', title: '学员数', dataIndex: 'trainees' },
            {
              key: 'actions',
              title: '操作',
              render: (_, c) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setOpenClass(c)}>
                    学员
                  </Button>
                  <Button type="link" size="small" onClick={() => setEditClass(c)}>
                    修改
                  </Button>
                  <Popconfirm
                    title="删除该培训班及其学员名单？"
                    okText="删除"
                    cancelText="取消"
                    onConfirm={() => deleteClass(db, ctx, c.id).catch((e: unknown) => message.error(messageOf(e)))}
                  >
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editProgram && (
        <RecordDialog
          type={trainingProgramType}
          title={program ? '修改年度培训计划' : '建立年度培训计划'}
          record={program ?? undefined}
          start={programDefaults(year)}
          onSave={(input) => (program ? updateProgram(db, ctx, program.id, input) : createProgram(db, ctx, input))}
          onClose={() => setEditProgram(false)}
        />
      )}
      {editClass && (
        <RecordDialog
          type={trainingClassType}
          title={editClass === 'new' ? '新增培训班' : '修改培训班'}
          record={editClass === 'new' ? undefined : editClass}
          start={{ from: `${year}-03-01`, format: 'rotation', audience: 'section', organiser: '区委党校' }}
          onSave={(input) => (editClass === 'new' ? createClass(db, ctx, input) : updateClass(db, ctx, editClass.id, input))}
          onClose={() => setEditClass(null)}
        />
      )}
      <Drawer open={openClass !== null} onClose={() => setOpenClass(null)} title={openClass ? `${openClass.name} · 学员` : ''} width={860} destroyOnHidden>
        {openClass && <Trainees ctx={ctx} cls={openClass} />}
      </Drawer>
    </Space>
  );
}

/** One class's trainees: hours earned and completion (saved as they are changed), and someone outside the registry. */
function Trainees({ ctx, cls }: { ctx: WriteContext; cls: TrainingClass }) {
  const { message } = App.useApp();
  const rows = useLiveQuery(() => enrollmentsOfClass(db, cls.id), [cls.id]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [form] = Form.useForm<{ name: string; unitName: string; role: string }>();
  const save = async (e: Enrollment, patch: { hours?: number | null; completed?: boolean }) => {
    try {
      await updateEnrollment(db, ctx, cls.id, e.id, patch);
      setErrors(({ [e.id]: _, ...rest }) => rest);
    } catch (error) {
      setErrors((all) => ({ ...all, [e.id]: messageOf(error) }));
    }
  };
  const add = async () => {
    const v = form.getFieldsValue();
    try {
      await enrollPerson(db, ctx, cls.id, { name: (v.name ?? '').trim(), unitName: (v.unitName ?? '').trim(), role: (v.role ?? '').trim() });
      form.resetFields();
      message.success('已添加');
    } catch (error) {
      form.setFields([{ name: 'name', errors: [messageOf(error)] }]);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        本班{cls.hours}学时。干部请在干部名册中选中后点“培养历练 → 报名参加培训班”；不在干部信息库中的学员（社区、非公企业和社会组织党组织书记）在下面按姓名、单位和职务添加。
      </Typography.Text>
      <Form form={form} layout="inline" onFinish={add}>
        <Form.Item name="name" label="姓名">
          <Input aria-label="学员姓名" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="unitName" label="单位">
          <Input aria-label="学员单位" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="role" label="职务">
          <Input aria-label="学员职务" style={{ width: 140 }} />
        </Form.Item>
        <Button htmlType="submit">添加学员</Button>
      </Form>
      {rows && !rows.length ? (
        <Empty description="还没有学员" />
      ) : (
        <Table<Enrollment>
          size="small"
          rowKey="id"
          data-testid="trainees"
          dataSource={rows ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { key: 'name', title: '姓名', render: (_, e) => `${e.name}${e.cadreId ? '' : '（非干部库人员）'}` },
            { key: 'unit', title: '单位', dataIndex: 'unitName' },
            { key: 'role', title: '职务', dataIndex: 'role' },
            {
              key: 'hours',
              title: '获得学时',
              render: (_, e) => (
                <div>
                  <InputNumber
                    aria-label={`${e.name}的获得学时`}
                    min={0}
                    precision={0}
                    defaultValue={e.hours ?? undefined}
                    status={errors[e.id] ? 'error' : undefined}
                    onBlur={(ev) => {
                      const text = ev.target.value.trim();
                      const hours = text === '' ? null : Number(text);
                      if (hours !== e.hours) void save(e, { hours });
                    }}
                  />
                  {errors[e.id] && (
                    <div role="alert">
                      <Typography.Text type="danger">{errors[e.id]}</Typography.Text>
                    </div>
                  )}
                </div>
              ),
            },
            {
              key: 'completed',
              title: '已结业',
              render: (_, e) => <Checkbox aria-label={`${e.name}已结业`} checked={e.completed} onChange={(ev) => void save(e, { completed: ev.target.checked })} />,
            },
            {
              key: 'actions',
              title: '操作',
              render: (_, e) => (
                <Popconfirm title={`将${e.name}移出本班？`} okText="移出" cancelText="取消" onConfirm={() => deleteEnrollment(db, ctx, cls.id, e.id).catch((x: unknown) => message.error(messageOf(x)))}>
                  <Button type="link" size="small" danger>
                    移出
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
