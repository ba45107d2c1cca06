import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { generatePassphrase, passphraseProblem } from '../../shared/rules/passphrase';

/**
 * A new passphrase, asked twice and checked for strength (shared/rules/passphrase.ts), with 生成口令 offering a
 * generated one to write down. Fields `passphrase` and `again` of the enclosing antd Form.
 */
export function NewPassphraseFields({ form, extra, keepApart }: { form: ReturnType<typeof Form.useForm>[0]; extra: string; keepApart: string }) {
  const [generated, setGenerated] = useState<string | null>(null);
  return (
    <>
      <Form.Item
        label="口令"
        name="passphrase"
        extra={extra}
        rules={[{ validator: async (_, v: string | undefined) => { const p = passphraseProblem(v ?? ''); if (p) throw new Error(p); } }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="再次输入口令"
        name="again"
        dependencies={['passphrase']}
        rules={[{ validator: async (_, v: string | undefined) => { if (v !== form.getFieldValue('passphrase')) throw new Error('两次输入的口令不一致'); } }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button
          onClick={() => {
            const p = generatePassphrase((b) => crypto.getRandomValues(new Uint8Array(b.length)));
            setGenerated(p);
            form.setFieldsValue({ passphrase: p, again: p });
          }}
        >
          生成口令
        </Button>
        {generated && (
          <Alert type="warning" showIcon title={<span>生成的口令：<Typography.Text code copyable data-testid="generated-passphrase">{generated}</Typography.Text></span>} description={keepApart} />
        )}
      </Space>
    </>
  );
}
