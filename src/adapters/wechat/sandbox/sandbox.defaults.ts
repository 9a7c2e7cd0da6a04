/**
 * The merchant the local sandbox plays when no WeChat credentials are configured. They open
 * nothing anywhere: the sandbox is the only server that knows them.
 */
export const SANDBOX_CREDENTIALS = {
  appId: 'wx_sandbox_app',
  appSecret: 'wx_sandbox_secret',
  mchId: '1900000109',
  /** WeChat Pay v2 keys are 32 characters. */
  payKey: 'weshopsandboxkey0123456789abcdef',
} as const;

/** Where `npm start` serves the sandbox unless told otherwise. */
export const SANDBOX_DEFAULT_PORT = 3001;
export const SANDBOX_DEFAULT_BASE = `http://127.0.0.1:${SANDBOX_DEFAULT_PORT}`;
