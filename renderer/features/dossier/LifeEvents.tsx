import { useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import type { Cadre } from '../../../shared/domain/cadre';
import { normalizeDayInput } from '../../../shared/catalog/cells';
import { dayOf } from '../../../shared/rules/months';
import { changeCadreStatus, deleteCadre, LIFE_EVENTS, type LifeEvent } from '../../db/cadres';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { navigate } from '../../router';
import { messageOf } from '../../api';

/**
 * 人员变动: 调出, 退休, 去世 (or back to 在职), each with its date and reason; and 删除档案 for a dossier created by
 * mistake, after a confirmation that names the cadre.
 */
export function LifeEvents({ cadre, ctx }: { cadre: Cadre; ctx: WriteContext }) {
  const { message, modal } = App.useApp();
  const [event, setEvent] = useState<LifeEvent | null>(null);
  const [form] = Form.useForm<{ date: string; reason: string }>();
  const inService = cadre.status === '01';
  const items = [
    ...(inService
      ? (['transfer', 'retire', 'death'] as const).map((key) => ({ key, label: LIFE_EVENTS[key].label }))
      : [{ key: 'reinstate', label: LIFE_EVENTS.reinstate.label }]),
    { type: 'divider' as const },
    { key: 'delete', label: '删除档案（误建）', danger: true },
  ];

  const remove = () =>
    modal.confirm({
      title: `删除“${cadre.name}”的档案？`,
      content: '只用于删除误建的档案：删除后该干部不再出现在名册和查询中，变更记录仍然保留。调出、退休、去世请用对应的操作。',
      okText: '删除档案',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await deleteCadre(db, ctx, cadre.id);
          message.success(`已删除“${cadre.name}”的档案`);
          navigate('roster');
        } catch (e) {
          message.error(messageOf(e));
        }
      },
    });

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !event) return;
    try {
      await changeCadreStatus(db, ctx, cadre.id, event, values.date, values.reason ?? '');
      message.success(`已登记：${cadre.name}${LIFE_EVENTS[event].label}`);
      setEvent(null);
    } catch (e) {
      const field = (e as { field?: string }).field;
      if (field === 'statusDate' || field === 'statusReason') {
        form.setFields([{ name: field === 'statusDate' ? 'date' : 'reason', errors: [messageOf(e)] }]);
      } else message.error(messageOf(e));
    }
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'delete') return void remove();
            form.setFieldsValue({ date: dayOf(new Date()), reason: '' });
            setEvent(key as LifeEvent);
          },
        }}
      >
        <Button>
          人员变动 <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={event !== null}
        title={event ? `${cadre.name} · ${LIFE_EVENTS[event].label}` : ''}
        okText="登记"
        cancelText="取消"
        onOk={save}
        onCancel={() => setEvent(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="date"
            label="日期"
            required
            rules={[{ validator: async (_r, v: string) => void (normalizeDayInput(v ?? '') ?? Promise.reject(new Error('请填写日期，例如 2025-07-01'))) }]}
            normalize={(v: string) => normalizeDayInput(v) ?? v}
          >
            <Input aria-label="日期" placeholder="例：2025-07-01" />
          </Form.Item>
          <Form.Item name="reason" label={event === 'transfer' ? '调往单位及原因' : '原因或说明'}>
            <Input.TextArea aria-label="原因" autoSize={{ minRows: 2, maxRows: 4 }} placeholder="例：调任市发展改革委" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
