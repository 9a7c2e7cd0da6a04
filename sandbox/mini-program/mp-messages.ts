/** One subscribe message WeChat delivered. */
export interface SandboxMessage {
  readonly openid: string;
  readonly templateId: string;
  readonly page: string | null;
  readonly data: Readonly<Record<string, { value: string }>>;
}

/** WeChat's value limits per field kind (the key's prefix): a value outside them is 47003. */
const LIMITS: Readonly<Record<string, (value: string) => boolean>> = {
  thing: (v) => [...v].length <= 20,
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  number: (v) => v.length <= 32 && /^-?\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => [...v].length <= 5,
  amount: (v) => /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v),
  car_number: (v) => [...v].length <= 8,
  name: (v) => (/^[A-Za-z ]+$/.test(v) ? v.length <= 20 : [...v].length <= 10),
  phrase: (v) => [...v].length <= 5 && /^\p{Script=Han}+$/u.test(v),
  time: (v) => /^(\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?\s)?\d{1,2}:\d{2}(:\d{2})?$/.test(v),
  date: (v) => /^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?(\s\d{1,2}:\d{2}(:\d{2})?)?$/.test(v),
};

/**
 * Subscribe messages with WeChat's consent rules: each acceptance a buyer gives in
 * `wx.requestSubscribeMessage` allows one message of the template; without one the send is 43101
 * and nothing is delivered. Values outside their kind's limits are 47003.
 */
export class SandboxSubscribeMessages {
  private readonly consents = new Map<string, number>();
  private readonly sent: SandboxMessage[] = [];
  private readonly refused: { openid: string; templateId: string; errcode: number }[] = [];

  /** The buyer tapped "allow" for a template `times` times. */
  accept(openid: string, templateId: string, times = 1): number {
    const left = (this.consents.get(`${openid}:${templateId}`) ?? 0) + times;
    this.consents.set(`${openid}:${templateId}`, left);
    return left;
  }

  send(body: Record<string, unknown>): { errcode: number; errmsg: string } {
    const openid = typeof body.touser === 'string' ? body.touser : '';
    const templateId = typeof body.template_id === 'string' ? body.template_id : '';
    const answer = (errcode: number, errmsg: string) => {
      if (errcode !== 0) this.refused.push({ openid, templateId, errcode });
      return { errcode, errmsg };
    };
    if (!openid) return answer(40003, 'invalid openid');
    if (!templateId) return answer(40037, 'invalid template_id');
    const state = body.miniprogram_state ?? 'formal';
    if (state !== 'formal' && state !== 'trial' && state !== 'developer') return answer(47003, 'argument invalid! miniprogram_state');
    const data = body.data;
    if (typeof data !== 'object' || data === null || Object.keys(data).length === 0) return answer(47003, 'argument invalid! data is empty');
    for (const [key, field] of Object.entries(data as Record<string, { value?: unknown }>)) {
      const kind = /^([a-z_]+?)\d{1,2}$/.exec(key)?.[1] ?? '';
      const value = field?.value;
      if (typeof value !== 'string' || value === '' || !LIMITS[kind]?.(value)) return answer(47003, `argument invalid! data.${key}.value invalid`);
    }
    const left = this.consents.get(`${openid}:${templateId}`) ?? 0;
    if (left <= 0) return answer(43101, 'user refuse to accept the msg');
    this.consents.set(`${openid}:${templateId}`, left - 1);
    this.sent.push({ openid, templateId, page: typeof body.page === 'string' ? body.page : null, data: data as SandboxMessage['data'] });
    return answer(0, 'ok');
  }

  messages(): readonly SandboxMessage[] {
    return [...this.sent];
  }

  refusals(): readonly { openid: string; templateId: string; errcode: number }[] {
    return [...this.refused];
  }
}
