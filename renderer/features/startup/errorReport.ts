/**
 * The text a user copies and sends to whoever supports the installation when a page fails. It holds only what
 * the defect needs: the error (its message may quote a stored value — that is the point), its stacks, which page
 * and which parameters, the program version and the time. Parameter values are left out: they are record ids
 * today, but a later page may put a search text there.
 */
export interface ErrorReportInput {
  error: unknown;
  /** React's component stack, when a boundary caught the error. */
  componentStack?: string | null;
  /** location.hash when it failed. */
  hash: string;
  version: string | null | undefined;
  at: Date;
  /** What the user was looking at, e.g. 干部档案 or 本机数据库. */
  where: string;
}

/** '#/cadre?id=…&tab=…' → '#/cadre?id=…&tab=…' with every value replaced by an ellipsis. */
export function describeRoute(hash: string): string {
  const [path = '', query] = hash.split('?');
  const route = path.replace(/^#?\/?/, '#/');
  if (!query) return route;
  const names = [...new URLSearchParams(query).keys()];
  return `${route}?${names.map((n) => `${n}=…`).join('&')}`;
}

export function errorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') return error.name;
  return typeof error;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local wall-clock time with its offset: what the user saw on the clock, unambiguous for the reader. */
function localTime(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ` +
    `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())} (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`
  );
}

export function buildErrorReport(input: ErrorReportInput): string {
  const stack = input.error instanceof Error && input.error.stack ? input.error.stack.trim() : '（无）';
  const lines = [
    '干部选育管用信息系统 · 错误报告',
    `时间：${localTime(input.at)}`,
    `程序版本：${input.version || '未知'}`,
    `位置：${input.where}（${describeRoute(input.hash)}）`,
    `错误：${errorName(input.error)}: ${errorMessage(input.error)}`,
    '',
    '调用栈：',
    stack,
  ];
  if (input.componentStack?.trim()) lines.push('', '组件：', input.componentStack.trim());
  return lines.join('\n');
}
