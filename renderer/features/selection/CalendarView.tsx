import { useMemo, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { FESTIVALS_2025 } from '../../../shared/code/holidays';
import { holidayYearType, type HolidayYear } from '../../../shared/domain/selection';
import { calendarYears } from '../../../shared/rules/workingDays';
import { db } from '../../db/instance';
import { createRecord, updateRecord } from '../../db/records';
import type { WriteContext } from '../../db/repository';
import { loadCalendar } from '../../db/selection';
import { refusalText } from './common';

// 节假日安排 (docs/selection.md "Holiday calendar"): each year's rest days and make-up workdays as the State
// Council publishes them. 2025 ships with the program; an administrator enters each later year here.

const dates = (text: string) => [...new Set(text.split(/[\s,，、;；]+/).map((d) => d.trim()).filter(Boolean))].sort().map((date) => ({ date }));

export function CalendarView({ ctx }: { ctx: WriteContext }) {
  const { message } = App.useApp();
  const records = useLiveQuery(() => db.table(holidayYearType.table).toArray() as Promise<HolidayYear[]>, []);
  const calendar = useLiveQuery(() => loadCalendar(db), [records]);
  const [editing, setEditing] = useState<HolidayYear | 'new' | null>(null);
  const [form] = Form.useForm();
  const rows = useMemo(() => {
    const years = calendar ? calendarYears(calendar) : [];
    return years.map((year) => {
      const own = records?.find((r) => r.year === year && !r.deleted);
      const holidays = calendar!.holidays.filter((d) => d.startsWith(`${year}-`));
      const makeUp = calendar!.makeUpWorkdays.filter((d) => d.startsWith(`${year}-`));
      return { year, own, holidays, makeUp, source: own ? (own.notice || '本机录入') : '程序内置（国务院办公厅通知）' };
    });
  }, [calendar, records]);
  const open = (r: HolidayYear | 'new', shipped?: { holidays: string[]; makeUp: string[]; year: number }) => {
    form.setFieldsValue(
      r === 'new'
        ? { year: shipped?.year ?? new Date().getFullYear() + 1, holidays: shipped?.holidays.join(' ') ?? '', makeUp: shipped?.makeUp.join(' ') ?? '', notice: '' }
        : { year: r.year, holidays: r.holidays.map((h) => h.date).join(' '), makeUp: r.makeUpWorkdays.map((h) => h.date).join(' '), notice: r.notice },
    );
    setEditing(r);
  };
  const save = async () => {
    const v = form.getFieldsValue() as { year: number; holidays: string; makeUp: string; notice: string };
    const input = { year: v.year, holidays: dates(v.holidays ?? ''), makeUpWorkdays: dates(v.makeUp ?? ''), notice: v.notice ?? '' };
    try {
      if (editing === 'new') await createRecord(db, ctx, holidayYearType, input);
      else if (editing) await updateRecord(db, ctx, holidayYearType, editing.id, input);
      message.success('已保存');
      setEditing(null);
    } catch (e) {
      message.error(refusalText(e), 8);
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => open('new')}>
          录入一年的节假日安排
        </Button>
        <Typography.Text type="secondary">任前公示按此计算工作日；未录入的年份只按周六、周日休息计算，并会提示。</Typography.Text>
      </Space>
      <Table
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '年份', dataIndex: 'year', width: 70 },
          { title: '放假日期', dataIndex: 'holidays', render: (d: string[]) => `${d.length}天：${d.map((x) => x.slice(5)).join(' ')}` },
          { title: '调休上班', dataIndex: 'makeUp', width: 200, render: (d: string[]) => d.map((x) => x.slice(5)).join(' ') },
          { title: '来源', dataIndex: 'source', width: 180 },
          {
            title: '操作',
            width: 80,
            render: (_, r) => (
              <Button size="small" type="link" onClick={() => (r.own ? open(r.own) : open('new', { year: r.year, holidays: r.holidays, makeUp: r.makeUp }))}>
                修改
              </Button>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        内置 2025 年：{FESTIVALS_2025.map((f) => f.name).join('、')}。
      </Typography.Paragraph>
      <Modal open={!!editing} title="节假日安排" okText="保存" cancelText="取消" onOk={save} onCancel={() => setEditing(null)} destroyOnHidden forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="year" label="年份">
            <InputNumber min={2000} max={2100} disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="holidays" label="放假日期" tooltip="每个日期写成 YYYY-MM-DD，用空格或逗号分开">
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="makeUp" label="调休上班日期">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="notice" label="通知文号">
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
