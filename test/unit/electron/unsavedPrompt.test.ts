import { describe, expect, it } from 'vitest';
import { leavesWithoutSaving, UNSAVED_PROMPT } from '../../../electron/window/unsavedPrompt';

describe('the unsaved-changes question on closing the window', () => {
  it('asks in Chinese, staying is the default and what Esc means, and only the first button leaves', () => {
    expect(UNSAVED_PROMPT.message).toMatch(/未保存/);
    expect(UNSAVED_PROMPT.buttons[UNSAVED_PROMPT.defaultId]).toBe('留在本页');
    expect(UNSAVED_PROMPT.cancelId).toBe(UNSAVED_PROMPT.defaultId);
    expect(leavesWithoutSaving(0)).toBe(true);
    expect(leavesWithoutSaving(UNSAVED_PROMPT.cancelId)).toBe(false);
  });
});
