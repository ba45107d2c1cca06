import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileGrants } from '../../../electron/ipc/fileGrants';

describe('createFileGrants', () => {
  it('knows only the paths granted', () => {
    const grants = createFileGrants();
    expect(grants.has('/media/usb/a.cadre')).toBe(false);
    grants.grant(['/media/usb/a.cadre', '/media/usb/b.cadre']);
    expect(grants.has('/media/usb/a.cadre')).toBe(true);
    expect(grants.has('/media/usb/b.cadre')).toBe(true);
    expect(grants.has('/media/usb/c.cadre')).toBe(false);
    expect(grants.has('/media/usb')).toBe(false);
  });

  it('compares resolved paths, so dot segments neither dodge nor forge a grant', () => {
    const grants = createFileGrants();
    grants.grant(['/media/usb/x/../a.cadre']);
    expect(grants.has('/media/usb/a.cadre')).toBe(true);
    expect(grants.has('/media/usb/./a.cadre')).toBe(true);
    expect(grants.has('/media/usb/a.cadre/../../../etc/passwd')).toBe(false);
    expect(grants.has(path.relative(process.cwd(), '/media/usb/a.cadre'))).toBe(true);
  });

  it('each grant set is separate', () => {
    const a = createFileGrants();
    const b = createFileGrants();
    a.grant(['/x']);
    expect(b.has('/x')).toBe(false);
  });
});
