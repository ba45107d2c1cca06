import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileGrants } from '../../../electron/ipc/fileGrants';

describe('createFileGrants', () => {
  it('knows only the paths granted', () => {
    const grants = createFileGrants();
    expect(grants.mayRead('/media/usb/a.cadre')).toBe(false);
    grants.grantRead(['/media/usb/a.cadre', '/media/usb/b.cadre']);
    expect(grants.mayRead('/media/usb/a.cadre')).toBe(true);
    expect(grants.mayRead('/media/usb/b.cadre')).toBe(true);
    expect(grants.mayRead('/media/usb/c.cadre')).toBe(false);
    expect(grants.mayRead('/media/usb')).toBe(false);
  });

  it('an open dialog grants reading only, a save dialog writing only', () => {
    const grants = createFileGrants();
    grants.grantRead(['/media/usb/opened.xlsx']);
    grants.grantWrite(['/media/usb/saved.xlsx']);
    expect([grants.mayRead('/media/usb/opened.xlsx'), grants.mayWrite('/media/usb/opened.xlsx')]).toEqual([true, false]);
    expect([grants.mayRead('/media/usb/saved.xlsx'), grants.mayWrite('/media/usb/saved.xlsx')]).toEqual([false, true]);
  });

  it('compares resolved paths, so dot segments neither dodge nor forge a grant', () => {
    const grants = createFileGrants();
    grants.grantWrite(['/media/usb/x/../a.cadre']);
    expect(grants.mayWrite('/media/usb/a.cadre')).toBe(true);
    expect(grants.mayWrite('/media/usb/./a.cadre')).toBe(true);
    expect(grants.mayWrite('/media/usb/a.cadre/../../../etc/passwd')).toBe(false);
    expect(grants.mayWrite(path.relative(process.cwd(), '/media/usb/a.cadre'))).toBe(true);
  });

  it('a picked folder receives new files directly inside it, and grants nothing else', () => {
    const grants = createFileGrants();
    grants.grantFolder(['/media/usb/forms']);
    expect(grants.mayWriteInto('/media/usb/forms')).toBe(true);
    expect(grants.mayWriteInto('/media/usb/forms/../forms/')).toBe(true);
    expect(grants.mayWriteInto('/media/usb')).toBe(false);
    expect(grants.mayWriteInto('/media/usb/forms/sub')).toBe(false);
    expect(grants.mayWrite('/media/usb/forms')).toBe(false);
    expect(grants.mayRead('/media/usb/forms')).toBe(false);
    expect(grants.mayRead('/media/usb/forms/张三.pdf')).toBe(false);
  });

  it('each grant set is separate', () => {
    const a = createFileGrants();
    const b = createFileGrants();
    a.grantRead(['/x']);
    expect(b.mayRead('/x')).toBe(false);
  });
});
