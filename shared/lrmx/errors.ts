import { UserError } from '../errors';

export type LrmxErrorKind = 'notXml' | 'wrongRoot' | 'notLrm' | 'unwritable';

/**
 * A file that cannot be read (or a value that cannot be written) as 任免审批表 interchange. The message is for
 * the person importing: what is wrong with the file and what to do; `kind` lets the caller group failures.
 */
export class LrmxError extends UserError {
  constructor(
    readonly kind: LrmxErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LrmxError';
  }
}

export const NOT_LRMX = '不是有效的任免审批表文件（LRMX）';
export const REEXPORT_HINT = '请在任免表编辑器中打开该文件并重新保存，或向报送单位索取新的文件';
