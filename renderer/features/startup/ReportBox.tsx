import { useRef } from 'react';
import { App, Button, Input, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import type { TextAreaRef } from 'antd/es/input/TextArea';

/** A read-only error report with a copy button; if the clipboard is refused the text is selected instead. */
export function ReportBox({ report }: { report: string }) {
  const { message } = App.useApp();
  const area = useRef<TextAreaRef>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(report);
      message.success('已复制错误报告，可粘贴到邮件或文档中发给系统管理员');
    } catch {
      area.current?.resizableTextArea?.textArea.select();
      message.info('未能自动复制，已选中报告全文，请按 Ctrl+C 复制');
    }
  };
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">错误报告（仅含错误信息、所在页面、程序版本和时间）</Typography.Text>
        <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>
          复制错误报告
        </Button>
      </Space>
      <Input.TextArea
        ref={area}
        aria-label="错误报告"
        data-testid="error-report"
        readOnly
        value={report}
        autoSize={{ minRows: 4, maxRows: 8 }}
        style={{ fontFamily: 'Consolas, "DejaVu Sans Mono", monospace', fontSize: 12 }}
      />
    </Space>
  );
}
