import type { Context } from 'koa';
import { readRawBody } from '../body.js';
import { errorAnswer } from '../error-mapping.js';
import type { NotificationCodec, NotificationCodecs, RawNotification } from '../http.deps.js';
import { HttpError } from '../http.error.js';
import { loggerOf } from '../request-context.middleware.js';

export interface Handled {
  /** True: WeChat may stop sending. False: answer FAIL so it sends again. */
  readonly acknowledged: boolean;
  readonly outcome: string;
}

/**
 * A WeChat notification: the raw body (size-limited, its bytes untouched) goes to the codec of its
 * format (v2 XML or v3 JSON, told apart by content), which verifies and decodes it; then it is
 * handled. Success only for outcomes that are final; a refusal (4xx) or failure (5xx) otherwise,
 * in the format's own words, so WeChat tries again.
 */
export async function answerNotification<T>(
  ctx: Context,
  kind: string,
  codecs: NotificationCodecs<T>,
  handle: (notification: T) => Promise<Handled>,
): Promise<void> {
  const log = loggerOf(ctx);
  let raw: RawNotification = { headers: ctx.headers, body: Buffer.alloc(0) };
  let unread: unknown = null;
  try {
    raw = { headers: ctx.headers, body: await readRawBody(ctx) };
  } catch (error) {
    unread = error;
  }
  const codec = codecFor(codecs, raw);
  const protocol = codec.protocol;
  const answer = (status: number, success: boolean, message?: string) => {
    ctx.status = success ? (codec.successStatus ?? status) : status;
    ctx.type = codec.contentType ?? 'application/xml';
    ctx.body = codec.answer(success, message);
  };
  const refuse = (error: unknown) => {
    log.warn({ kind, protocol, reason: error instanceof Error ? error.message : String(error) }, 'notification rejected');
    answer(error instanceof HttpError ? error.status : (codec.rejectionStatus?.(error) ?? 400), false, 'rejected');
  };
  if (unread !== null) return refuse(unread);

  let notification: T;
  try {
    notification = await codec.decode(raw);
  } catch (error) {
    return refuse(error);
  }
  try {
    const result = await handle(notification);
    log.info({ kind, protocol, outcome: result.outcome }, 'notification handled');
    if (result.acknowledged) return answer(200, true, 'OK');
    log.warn({ kind, protocol, outcome: result.outcome }, 'notification refused');
    return answer(400, false, result.outcome);
  } catch (error) {
    const { status } = errorAnswer(error);
    log.error({ kind, protocol, err: error }, 'notification failed');
    return answer(status >= 500 ? status : 500, false, 'try again');
  }
}

function codecFor<T>(codecs: NotificationCodecs<T>, raw: RawNotification): NotificationCodec<T> {
  const list: readonly NotificationCodec<T>[] = Array.isArray(codecs) ? codecs : [codecs as NotificationCodec<T>];
  const [first] = list;
  if (!first) throw new Error('a notify route needs at least one notification codec');
  return list.find((codec) => codec.recognizes?.(raw) ?? true) ?? first;
}
