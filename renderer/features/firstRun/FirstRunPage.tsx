import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { InstallationSetupSchema, type AppInfo, type InstallationSetup } from '../../../shared/domain/installation';
import { cadreDesk, messageOf } from '../../api';
import { zodRule } from '../../components/zodRule';

/**
 * First run (docs/architecture.md#first-run-identity-and-who-is-acting): the installation's name, its type and
 * the operator. Shown once.
 */
export function FirstRunPage({ info, onDone }: { info: AppInfo; onDone: (info: AppInfo) => void }) {
  const [form] = Form.useForm<InstallationSetup>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shape = InstallationSetupSchema.shape;
  // the counters show the limit; no maxLength, which would cut a long pasted name silently — the rule refuses it
  const nameMax = shape.name.maxLength ?? 60;
  const operatorMax = shape.operator.maxLength ?? 30;

  const submit = async (values: InstallationSetup) => {
    setSaving(true);
    setError(null);
    try {
      onDone(await cadreDesk().app.setup(values));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 560 }} title="欢迎使用干部选育管用信息系统">
        <Typography.Paragraph type="secondary">
          第一次使用，请先完成本机设置。设置完成后不再显示此页面。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ type: 'department' }} requiredMark>
          <Form.Item label="本机名称" name="name" required rules={[zodRule(shape.name)]} extra="在数据交换时对方看到的名称">
            <Input placeholder="例：新城区委组织部干部科" showCount={{ formatter: ({ count }) => `${count} / ${nameMax}` }} />
          </Form.Item>
          <Form.Item label="本机类型" name="type" rules={[{ required: true, message: '请选择本机类型' }]}>
            <Radio.Group>
              <Radio.Button value="department">组织部</Radio.Button>
              <Radio.Button value="unit">单位</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.type !== b.type}>
            {({ getFieldValue }) => (
              <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
                {getFieldValue('type') === 'unit'
                  ? '单位：采集和报送本单位干部信息。单位树和干部信息由组织部的首个数据包带来，之后在“本机设置”中选择本单位。'
                  : '组织部：维护单位树，审核和决定干部工作事项；也可代没有安装本系统的单位办理。'}
              </Typography.Paragraph>
            )}
          </Form.Item>
          <Form.Item label="操作员姓名" name="operator" required rules={[zodRule(shape.operator)]}>
            <Input placeholder="例：张三" showCount={{ formatter: ({ count }) => `${count} / ${operatorMax}` }} />
          </Form.Item>
          <Form.Item label="本机标识指纹">
            <Typography.Text code data-testid="fingerprint">
              {info.fingerprint}
            </Typography.Text>
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={saving} block>
            完成设置
          </Button>
        </Form>
      </Card>
    </div>
  );
}
