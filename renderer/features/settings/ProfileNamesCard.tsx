import { useState } from 'react';
import { App, Button, Card, Form, Input } from 'antd';
import { InstallationSetupSchema, type AppInfo } from '../../../shared/domain/installation';
import { zodRule } from '../../components/zodRule';
import { validated } from '../../components/validated';
import { cadreDesk, messageOf } from '../../api';

// 本机名称 and 操作员 as typed at first run can be corrected here (app.updateProfile); the installation id, which
// identifies this machine in exchanges, stays as it is.

const shape = InstallationSetupSchema.shape;
const NAME_MAX = shape.name.maxLength ?? 60;
const OPERATOR_MAX = shape.operator.maxLength ?? 30;

interface Values {
  name: string;
  operator: string;
}

export function ProfileNamesCard({ info, onSaved }: { info: AppInfo; onSaved: (info: AppInfo) => void }) {
  const { message } = App.useApp();
  const profile = info.profile!;
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);

  const save = async () => {
    const values = await validated(form);
    if (!values) return; // each field says why
    setSaving(true);
    try {
      const next = await cadreDesk().app.updateProfile({ name: values.name.trim(), operator: values.operator.trim() });
      onSaved(next);
      form.setFieldsValue({ name: next.profile!.name, operator: next.profile!.operator });
      setChanged(false);
      message.success('已保存本机名称和操作员');
    } catch (e) {
      // the main process checks with the same schema; whatever it refuses is shown at the name
      form.setFields([{ name: 'name', errors: [messageOf(e)] }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="本机名称与操作员">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: profile.name, operator: profile.operator }}
        onValuesChange={(_, all: Values) => setChanged(all.name !== profile.name || all.operator !== profile.operator)}
        onFinish={save}
        data-testid="profile-names"
      >
        <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
          {/* no maxLength: an over-long name is refused with its limit, never cut */}
          <Form.Item label="本机名称" name="name" required rules={[zodRule(shape.name)]} extra="数据交换时对方看到的名称" style={{ width: 360 }}>
            <Input showCount={{ formatter: ({ count }) => `${count} / ${NAME_MAX}` }} />
          </Form.Item>
          <Form.Item label="操作员姓名" name="operator" required rules={[zodRule(shape.operator)]} extra="记入此后每一条变更记录" style={{ width: 240 }}>
            <Input showCount={{ formatter: ({ count }) => `${count} / ${OPERATOR_MAX}` }} />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={saving} disabled={!changed}>
          更改名称
        </Button>
      </Form>
    </Card>
  );
}
