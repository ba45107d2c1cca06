import { z } from 'zod';
import {
  contract,
  type Envelope,
  type EventName,
  type EventPayload,
  type MethodArg,
  type MethodName,
  type MethodResult,
} from '../../shared/ipc';
import { UserError } from '../../shared/errors';
import { isTrustedSender } from '../security/guards';
import '../../shared/zodLocale';

/** What a handler may do besides returning: tell the calling window about progress. */
export interface CallContext {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Handlers = {
  [M in MethodName]: (arg: MethodArg<M>, ctx: CallContext) => Promise<MethodResult<M>>;
};

export interface DispatchOptions {
  allowedOrigin: string;
  /** Where defects are written (never arguments or results: they may hold personal data). */
  logError?: (method: string, error: unknown) => void;
}

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}：${issue.message}` : issue.message))
    .join('；');

/**
 * The one entry point both transports call: checks the sender's origin, validates the argument against the
 * contract, runs the handler, checks the result against the contract (so nothing undeclared — a private key,
 * say — can leave the main process), and wraps everything as an Envelope.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions) {
  return async function dispatch(
    senderUrl: string | undefined | null,
    method: string,
    arg: unknown,
    ctx: CallContext,
  ): Promise<Envelope> {
    if (!isTrustedSender(senderUrl, options.allowedOrigin)) {
      return { ok: false, error: { code: 'forbidden', message: '拒绝访问：请求不是来自本程序的页面。' } };
    }
    if (!Object.hasOwn(contract, method)) {
      return { ok: false, error: { code: 'unknown-method', message: `程序内部错误：未知的调用 ${method}。` } };
    }
    const name = method as MethodName;
    const spec = contract[name];
    const parsed = spec.input.safeParse(arg);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid-argument', message: `参数不正确：${describeIssues(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[name] as (a: unknown, c: CallContext) => Promise<unknown>;
      const value = spec.output.parse(await handler(parsed.data, ctx));
      return { ok: true, value };
    } catch (error) {
      if (error instanceof UserError) return { ok: false, error: { code: 'failed', message: error.message } };
      options.logError?.(name, error);
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'failed', message: `操作未完成，程序出现内部错误（${detail}）。请重试；如仍出现，请联系系统管理员。` } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
