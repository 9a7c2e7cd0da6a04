import { expect } from 'chai';
import { pino } from 'pino';
import { DeliveryConfig } from '../../../../src/application/index.js';
import { loadMiniProgramSettings } from '../../../../src/adapters/wechat/mini-program/delivery.config.js';
import { startShop } from '../../../../src/composition/index.js';
import { ConfigError } from '../../../../src/config-error.js';
import { shopEnvFor } from '../../../../sandbox/index.js';

const variableOf = (env: Record<string, string>) => {
  try {
    loadMiniProgramSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  return null;
};

describe('delivery, subscribe-message and message-push settings', () => {
  it('default to zerg\'s delivery: no default logistics type, no message, no push, 10060001 tried again after a minute', () => {
    expect(loadMiniProgramSettings({})).to.deep.equal({
      delivery: { defaultLogisticsType: null, message: null, uploadRetrySeconds: 60 },
      push: null,
    });
  });

  it('read the default logistics type, the delivery template and its fields, and the push token and key', () => {
    const settings = loadMiniProgramSettings({
      DELIVERY_LOGISTICS_TYPE: 'self_pickup',
      WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl-Abc_123',
      WECHAT_SUBSCRIBE_FIELDS: 'thing1=goods, character_string2=order_no,time3=shipped_at',
      WECHAT_SUBSCRIBE_PAGE: 'pages/order/detail?id={id}',
      WECHAT_SUBSCRIBE_STATE: 'trial',
      WECHAT_PUSH_TOKEN: 'pushtoken123',
      WECHAT_PUSH_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    });
    expect(settings.delivery).to.deep.equal({
      defaultLogisticsType: 'SELF_PICKUP',
      message: {
        templateId: 'tmpl-Abc_123',
        fields: { thing1: 'goods', character_string2: 'order_no', time3: 'shipped_at' },
        page: 'pages/order/detail?id={id}',
        miniprogramState: 'trial',
      },
      uploadRetrySeconds: 60,
    });
    expect(settings.push?.token).to.equal('pushtoken123');
    expect(settings.push?.aesKey?.length).to.equal(32);
  });

  it('stop the start naming the variable that is wrong', () => {
    expect(variableOf({ DELIVERY_LOGISTICS_TYPE: 'pigeon' })).to.equal('DELIVERY_LOGISTICS_TYPE');
    expect(variableOf({ SHIPPING_UPLOAD_RETRY_SECONDS: '0' })).to.equal('SHIPPING_UPLOAD_RETRY_SECONDS');
    expect(variableOf({ WECHAT_SUBSCRIBE_FIELDS: 'thing1=goods' })).to.equal('WECHAT_SUBSCRIBE_TEMPLATE_ID');
    expect(variableOf({ WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl' })).to.equal('WECHAT_SUBSCRIBE_FIELDS');
    expect(variableOf({ WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl id' , WECHAT_SUBSCRIBE_FIELDS: 'thing1=goods' })).to.equal('WECHAT_SUBSCRIBE_TEMPLATE_ID');
    for (const fields of ['thing1', 'text1=goods', 'thing1=price', 'thing1=goods,thing1=order_no', 'thing1=goods=x']) {
      expect(variableOf({ WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl', WECHAT_SUBSCRIBE_FIELDS: fields }), fields).to.equal('WECHAT_SUBSCRIBE_FIELDS');
    }
    expect(variableOf({ WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl', WECHAT_SUBSCRIBE_FIELDS: 'thing1=goods', WECHAT_SUBSCRIBE_STATE: 'beta' })).to.equal('WECHAT_SUBSCRIBE_STATE');
    expect(variableOf({ WECHAT_PUSH_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' })).to.equal('WECHAT_PUSH_TOKEN');
    expect(variableOf({ WECHAT_PUSH_TOKEN: 'a b' })).to.equal('WECHAT_PUSH_TOKEN');
    expect(variableOf({ WECHAT_PUSH_TOKEN: 'pushtoken123', WECHAT_PUSH_AES_KEY: 'too-short' })).to.equal('WECHAT_PUSH_AES_KEY');
  });

  it('are checked by startShop before anything opens, and bound for the use cases', async () => {
    const env = { DATABASE_URL: ':memory:', ...shopEnvFor('http://127.0.0.1:9') };
    const refused = await startShop({ ...env, DELIVERY_LOGISTICS_TYPE: 'drone' }, { serve: false, logger: pino({ level: 'silent' }) }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(ConfigError).with.property('variable', 'DELIVERY_LOGISTICS_TYPE');
    const shop = await startShop({ ...env, DELIVERY_LOGISTICS_TYPE: 'virtual' }, { serve: false, logger: pino({ level: 'silent' }) });
    try {
      expect(shop.container.get<DeliveryConfig>(DeliveryConfig).defaultLogisticsType).to.equal('VIRTUAL');
    } finally {
      await shop.close();
    }
  });
});
