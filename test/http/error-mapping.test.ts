import { expect } from 'chai';
import { errorAnswer } from '../../src/adapters/http/error-mapping.js';

/** Driver failures that a retry can cure answer 503 (WeChat retries a notify, a client retries a request). */
describe('error mapping of driver failures', () => {
  const driverError = (code: string, message: string) => Object.assign(new Error(message), { code });

  for (const [code, message] of [
    ['ER_LOCK_WAIT_TIMEOUT', 'Lock wait timeout exceeded; try restarting transaction'],
    ['PROTOCOL_CONNECTION_LOST', 'Connection lost: The server closed the connection.'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:3306'],
    ['SQLITE_BUSY', 'database is locked'],
  ] as const) {
    it(`${code} → 503 90002`, () => {
      expect(errorAnswer(driverError(code, message))).to.include({ status: 503, errorCode: 90002 });
    });
  }

  it('anything else unknown → 500 999 without internals', () => {
    const answer = errorAnswer(new Error('secret detail'));
    expect(answer).to.include({ status: 500, errorCode: 999 });
    expect(answer.message).to.not.include('secret');
  });
});
