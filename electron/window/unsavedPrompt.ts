import type { MessageBoxSyncOptions } from 'electron';

// The question Electron asks when the window is closed or reloaded while a form holds unsaved changes (the
// renderer refuses the unload: renderer/stores/unsaved.ts). Electron shows nothing by itself, so without this the
// close would silently do nothing.

export const UNSAVED_PROMPT = {
  type: 'question',
  title: '有尚未保存的修改',
  message: '有尚未保存的修改',
  detail: '关闭或刷新窗口，刚才填写的内容将不会保存。',
  buttons: ['放弃修改并关闭', '留在本页'],
  defaultId: 1,
  cancelId: 1,
  noLink: true,
} as const satisfies MessageBoxSyncOptions;

/** Whether the answer (the button's index) lets the window unload. */
export const leavesWithoutSaving = (answer: number): boolean => answer === 0;
