import { useCallback, useEffect, useRef } from 'react';
import { App } from 'antd';
import type { FieldProblem } from '../../../shared/catalog/recordType';
import { setUnsaved } from '../../stores/unsaved';

/** Asks whether to save in spite of the warnings (仍然保存), listing each. */
export function useConfirmWarnings(): (warnings: readonly FieldProblem[]) => Promise<boolean> {
  const { modal } = App.useApp();
  return useCallback(
    (warnings) =>
      new Promise<boolean>((resolve) => {
        modal.confirm({
          title: '请核对以下情况',
          content: (
            <ul style={{ paddingLeft: 18, margin: 0 }} data-testid="save-warnings">
              {warnings.map((w) => (
                <li key={`${w.path}:${w.message}`}>{w.message}</li>
              ))}
            </ul>
          ),
          okText: '仍然保存',
          cancelText: '返回修改',
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      }),
    [modal],
  );
}

let nextKey = 0;

/**
 * Marks a form as holding unsaved changes while `unsaved` is true, so leaving the page asks first
 * (renderer/stores/unsaved.ts); forgotten when the form goes away.
 */
export function useUnsavedMark(): (unsaved: boolean) => void {
  const key = useRef(`form-${++nextKey}`);
  useEffect(() => () => setUnsaved(key.current, false), []);
  return useCallback((unsaved: boolean) => setUnsaved(key.current, unsaved), []);
}
