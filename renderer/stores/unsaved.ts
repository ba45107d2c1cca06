// Forms with changes not yet saved (docs/architecture.md "Data layer": nothing a person entered is lost without
// asking). A form marks itself while it differs from what is stored; leaving the page — a menu, the back button,
// a link, closing the window — asks first while any is marked.

const dirty = new Set<string>();
let confirmLeave: (() => Promise<boolean>) | null = null;

export function setUnsaved(key: string, unsaved: boolean): void {
  if (unsaved) dirty.add(key);
  else dirty.delete(key);
}

export const hasUnsaved = (): boolean => dirty.size > 0;

/** The shell's way of asking (an antd confirm dialog); without one, nothing is blocked. */
export function registerLeaveConfirm(ask: (() => Promise<boolean>) | null): void {
  confirmLeave = ask;
}

/** True when the page may be left: nothing unsaved, or the person chose to discard it (then it is forgotten). */
export async function mayLeave(): Promise<boolean> {
  if (!hasUnsaved() || !confirmLeave) return true;
  const ok = await confirmLeave();
  if (ok) dirty.clear();
  return ok;
}
