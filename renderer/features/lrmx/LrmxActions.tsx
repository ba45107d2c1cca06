import { useRef, useState } from 'react';
import { App, Button, Dropdown, Modal, Progress, Typography } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { cadreDesk, messageOf } from '../../api';
import { exportCadreLrmx, exportLrmxZip } from './exportLrmx';
import { useLrmxImport } from './LrmxImportDialog';
import { BatchCancelled } from './readBatch';

// The two places 任免审批表 files enter and leave the app: a 任免表（LRMX） menu in the roster (import files, export
// the selection as a .zip) and a button on the dossier (export this cadre as 姓名.lrmx).

const LRMX_FILTER = { name: '任免审批表文件（.lrmx）', extensions: ['lrmx'] };

/** 导出所选人员: a .zip of .lrmx files, with progress and cancel. */
function useSelectionExport() {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async (cadreIds: readonly string[]) => {
    try {
      const choice = await cadreDesk().dialog.saveFile({
        title: '导出所选人员的任免审批表',
        defaultName: `任免审批表-${cadreIds.length}人-${new Date().toISOString().slice(0, 10)}.zip`,
        filters: [{ name: 'zip 压缩文件', extensions: ['zip'] }],
      });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      const controller = new AbortController();
      abort.current = controller;
      setProgress({ done: 0, total: cadreIds.length });
      const { bytes, count } = await exportLrmxZip(db, cadreIds, { signal: controller.signal, onProgress: (done, total) => setProgress({ done, total }) });
      await cadreDesk().file.write({ path, bytes });
      message.success(`已导出 ${count} 人的任免审批表到 ${path}`);
    } catch (e) {
      if (e instanceof BatchCancelled) message.info('已取消导出，没有写入文件。');
      else message.error(messageOf(e));
    } finally {
      setProgress(null);
    }
  };

  const modal = (
    <Modal
      open={!!progress}
      title="导出任免审批表"
      closable={false}
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={() => abort.current?.abort()}>
          取消
        </Button>,
      ]}
    >
      {progress && (
        <div data-testid="lrmx-export-progress">
          <Typography.Text>
            正在生成：{progress.done} / {progress.total}
          </Typography.Text>
          <Progress percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0} />
        </div>
      )}
    </Modal>
  );
  return { run, modal };
}

/** The roster's 任免表（LRMX） menu: 导入任免表… and 导出所选人员（.zip）…. */
export function LrmxRosterMenu({ ctx, selectedIds, defaultUnitId = null }: { ctx: WriteContext; selectedIds: readonly string[]; defaultUnitId?: string | null }) {
  const importer = useLrmxImport(ctx, defaultUnitId);
  const exporter = useSelectionExport();
  return (
    <>
      <Dropdown
        menu={{
          items: [
            { key: 'import', label: '导入任免表（.lrmx / .lrm / .zip）…' },
            { key: 'export', label: selectedIds.length ? `导出所选 ${selectedIds.length} 人（.zip）…` : '导出所选人员（请先勾选）', disabled: !selectedIds.length },
          ],
          onClick: ({ key }) => void (key === 'import' ? importer.start() : exporter.run(selectedIds)),
        }}
      >
        <Button>
          任免表（LRMX） <DownOutlined />
        </Button>
      </Dropdown>
      {importer.modal}
      {exporter.modal}
    </>
  );
}

/** 导出任免表 LRMX on the dossier: saves 姓名.lrmx. */
export function LrmxExportButton({ cadreId }: { cadreId: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { fileName, bytes } = await exportCadreLrmx(db, cadreId);
      const choice = await cadreDesk().dialog.saveFile({ title: '导出任免审批表（LRMX）', defaultName: fileName, filters: [LRMX_FILTER] });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      await cadreDesk().file.write({ path, bytes });
      message.success(`已导出任免审批表到 ${path}`);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={run} loading={busy}>
      导出任免表 LRMX
    </Button>
  );
}
