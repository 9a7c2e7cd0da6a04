/** The v3 part of the control API: the merchant's key mode and WeChat's platform-certificate rotation. */
import { SandboxControlError } from '../sandbox-merchant.js';
import { SANDBOX_V3_MODES, type SandboxV3Mode } from '../sandbox.config.js';
import type { PlatformCertificate, SandboxV3Keys } from './v3-keys.js';

export const V3_CONTROL_ROUTES = [
  'GET  /sandbox/v3                         v3 state: mode, mch_serial, public_key_id, served platform certificates',
  'POST /sandbox/v3/mode                    {"mode": "public_key"|"certificate"|"both"}  both: the switch-over, notifications alternate',
  'POST /sandbox/v3/certificates/rotate     a new platform certificate served beside the old one, signing from now on',
  'POST /sandbox/v3/certificates/drop-old   ends the rotation: only the newest certificate stays served',
] as const;

/** What `GET /sandbox/v3` answers. */
export interface V3State {
  readonly mode: SandboxV3Mode;
  readonly mch_serial: string;
  readonly public_key_id: string;
  /** Oldest first; the last signs whatever the certificate signs. */
  readonly certificates: ReadonlyArray<{ serial_no: string; not_before: string; not_after: string }>;
}

export function v3State(keys: SandboxV3Keys): V3State {
  return {
    mode: keys.mode,
    mch_serial: keys.mchSerial,
    public_key_id: keys.publicKey.serial,
    certificates: keys.certificates().map(described),
  };
}

export function v3Control(route: string, input: Readonly<Record<string, string | undefined>>, keys: SandboxV3Keys): unknown {
  switch (route) {
    case 'GET /sandbox/v3':
      return v3State(keys);
    case 'POST /sandbox/v3/mode': {
      const mode = SANDBOX_V3_MODES.find((candidate) => candidate === input.mode);
      if (!mode) throw new SandboxControlError(400, 'BAD_MODE', `mode is one of ${SANDBOX_V3_MODES.join(', ')}`);
      keys.setMode(mode);
      return v3State(keys);
    }
    case 'POST /sandbox/v3/certificates/rotate':
      return { rotated_to: described(keys.rotate()), ...v3State(keys) };
    case 'POST /sandbox/v3/certificates/drop-old':
      return { dropped: keys.dropOld().map(described), ...v3State(keys) };
    default:
      throw new SandboxControlError(404, 'NOT_FOUND', `the sandbox control API has no ${route}`);
  }
}

function described({ serial, certificate }: PlatformCertificate) {
  return { serial_no: serial, not_before: new Date(certificate.validFrom).toISOString(), not_after: new Date(certificate.validTo).toISOString() };
}
