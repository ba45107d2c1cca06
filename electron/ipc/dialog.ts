import type { z } from 'zod';
import type { FileDialogResultSchema, OpenFileOptionsSchema, OpenFolderOptionsSchema, SaveFileOptionsSchema } from '../../shared/ipc';
import type { FileGrants } from './fileGrants';
import type { Handlers } from './dispatch';

export type OpenFileOptions = z.output<typeof OpenFileOptionsSchema>;
export type SaveFileOptions = z.output<typeof SaveFileOptionsSchema>;
export type OpenFolderOptions = z.output<typeof OpenFolderOptionsSchema>;
export type FileDialogResult = z.output<typeof FileDialogResultSchema>;

/** The OS dialogs in production; the test fixture answers them in e2e. */
export interface Dialogs {
  showOpen(options: OpenFileOptions): Promise<FileDialogResult>;
  showSave(options: SaveFileOptions): Promise<FileDialogResult>;
  showFolder(options: OpenFolderOptions): Promise<FileDialogResult>;
}

export function dialogHandlers(dialogs: Dialogs, grants: FileGrants): Pick<Handlers, 'dialog.openFile' | 'dialog.saveFile' | 'dialog.openFolder'> {
  const granting = async (result: Promise<FileDialogResult>, grant: (paths: readonly string[]) => void) => {
    const answer = await result;
    if (!answer.canceled) grant(answer.filePaths);
    return answer.canceled ? { canceled: true, filePaths: [] } : answer;
  };
  return {
    'dialog.openFile': (options) => granting(dialogs.showOpen(options), grants.grantRead),
    'dialog.saveFile': (options) => granting(dialogs.showSave(options), grants.grantWrite),
    'dialog.openFolder': (options) => granting(dialogs.showFolder(options), grants.grantFolder),
  };
}
