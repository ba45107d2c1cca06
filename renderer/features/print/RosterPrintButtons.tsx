import { useState } from 'react';
import { Alert, App, Button, Dropdown, Modal, Radio, Space, Typography } from 'antd';
import { DownOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { printRoute } from '../../../shared/print/route';
import { navigate } from '../../router';
import { cadreDesk, messageOf } from '../../api';
import { rosterPrintParams, type RosterView } from '../../print/roster/rosterView';
import { usePrintTask } from './PrintTaskDialog';

// The roster's 打印 menu (docs/printing.md): 打印名册 opens the preview of the current view (its order, filters
// and columns); 批量导出任免审批表PDF writes the selected cadres' forms into one PDF, or one PDF per cadre into a
// folder, with progress and 取消.

type Mode = 'one' | 'each';

export function RosterPrintButtons({ view, selected }: { view: RosterView; selected: readonly { id: string; name: string }[] }) {
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>('one');
  const task = usePrintTask();

  const exportForms = async () => {
    setOpen(false);
    const each = mode === 'each';
    try {
      const choice = each
        ? await cadreDesk().dialog.openFolder({ title: '选择保存的文件夹（每人一个PDF文件，文件名为姓名）' })
        : await cadreDesk().dialog.saveFile({
            title: '批量导出任免审批表',
            defaultName: `任免审批表-${selected.length}人.pdf`,
            filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
          });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      const ids = selected.map((s) => s.id);
      const result = each
        ? await task.run('正在导出任免审批表', (taskId) =>
            cadreDesk().print.savePdfEach({ items: selected.map((s) => ({ route: printRoute({ kind: 'appointment', ids: s.id }), name: s.name })), folder: path, taskId }),
          )
        : await task.run('正在导出任免审批表', (taskId) => cadreDesk().print.savePdf({ route: printRoute({ kind: 'appointment', ids: ids.join(',') }), path, taskId }));
      const done = 'files' in result ? `已导出 ${result.files.length} 个文件` : `已导出 ${result.pages} 页到 ${path}`;
      if (result.overflows.length) {
        modal.warning({
          title: result.canceled ? '已取消，部分任免审批表已导出' : done,
          content: (
            <div>
              <p>以下格子的文字即使缩到最小字号也放不下，PDF 中这些格子的文字不完整，请精简后重新导出：</p>
              <ul>
                {result.overflows.map((o, i) => (
                  <li key={i}>{o}</li>
                ))}
              </ul>
            </div>
          ),
        });
      } else if (result.canceled) message.info('已取消导出' + ('files' in result && result.files.length ? `，已导出的 ${result.files.length} 个文件保留` : ''));
      else message.success(done);
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <>
      {/* one button with a menu: the roster's toolbar has to fit a 1024-pixel window */}
      <Dropdown
        menu={{
          items: [
            { key: 'roster', icon: <PrinterOutlined />, label: '打印名册' },
            {
              key: 'forms',
              icon: <FilePdfOutlined />,
              label: `批量导出任免审批表PDF${selected.length ? `（${selected.length}人）` : '（请先勾选干部）'}`,
              disabled: !selected.length,
            },
          ],
          onClick: ({ key }) => (key === 'roster' ? navigate('printPreview', rosterPrintParams(view)) : setOpen(true)),
        }}
      >
        <Button icon={<PrinterOutlined />}>
          打印 <DownOutlined />
        </Button>
      </Dropdown>
      <Modal open={open} title="批量导出任免审批表PDF" okText="选择保存位置并导出" cancelText="取消" onOk={exportForms} onCancel={() => setOpen(false)}>
        <Space orientation="vertical">
          <Typography.Text>已勾选 {selected.length} 名干部，每人两页。</Typography.Text>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            <Space orientation="vertical">
              <Radio value="one">合并为一个PDF文件</Radio>
              <Radio value="each">每人一个PDF文件（保存到所选位置的文件夹，文件名为姓名）</Radio>
            </Space>
          </Radio.Group>
          {selected.length > 200 && <Alert type="info" showIcon title="人数较多，导出需要几分钟，可随时取消。" />}
        </Space>
      </Modal>
      {task.dialog}
    </>
  );
}
