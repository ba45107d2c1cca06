import { UserError } from '../../shared/errors';

/** What the user reads when the disk filled during a write: the transaction rolled back as a whole. */
export const QUOTA_MESSAGE = '磁盘空间不足，本次保存已全部撤销，未写入任何数据。请清理磁盘后重试。';

// The browser's own name, Dexie's mapped error of the same name, and the legacy spellings of old engines.
const QUOTA_NAMES: ReadonlySet<string> = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const LEGACY_QUOTA_CODE = 22;

/**
 * True when `error` is a quota error or wraps one. A full disk reaches a Dexie caller in several shapes: the
 * DOMException itself (a put that failed), Dexie's QuotaExceededError, an AbortError whose `inner` is the quota
 * error (the transaction aborted at commit), a BulkError or ModifyError listing it among `failures`, or any of
 * these as the `cause` of another error.
 */
export function isQuotaError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): boolean => {
    if (!e || typeof e !== 'object' || depth > 8 || seen.has(e)) return false;
    seen.add(e);
    const { name, code, inner, cause, failures, failuresByPos } = e as {
      name?: unknown;
      code?: unknown;
      inner?: unknown;
      cause?: unknown;
      failures?: unknown;
      failuresByPos?: unknown;
    };
    if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
    if (code === LEGACY_QUOTA_CODE && typeof DOMException !== 'undefined' && e instanceof DOMException) return true;
    const nested = [
      inner,
      cause,
      ...(Array.isArray(failures) ? failures : []),
      ...(failuresByPos && typeof failuresByPos === 'object' ? Object.values(failuresByPos) : []),
    ];
    return nested.some((n) => visit(n, depth + 1));
  };
  return visit(error, 0);
}

/** The UserError to show for a quota failure, or null when `error` is something else. */
export function quotaUserError(error: unknown): UserError | null {
  return isQuotaError(error) ? new UserError(QUOTA_MESSAGE) : null;
}

/** Runs a write and turns a quota failure into the UserError above; any other failure passes through unchanged. */
export async function mapQuotaError<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw quotaUserError(error) ?? error;
  }
}
