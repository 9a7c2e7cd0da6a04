import { expect } from 'chai';
import * as application from '../../../src/application/index.js';
import { InvalidAppCredentials, TooManyFailedAttempts } from '../../../src/application/index.js';
import { DOMAIN_ERROR_ANSWERS, errorAnswer } from '../../../src/adapters/http/error-mapping.js';
import * as domain from '../../../src/domain/index.js';
import {
  AddressMissing,
  DomainError,
  InvalidMoney,
  InvalidOrderLine,
  InvalidShipment,
  NotOrderOwner,
  OrderClosed,
  OrderFullyRefunded,
  OrderNotDeliverable,
  OrderNotFound,
  OrderNotPayable,
  ProductNotFound,
  RefundNotAllowed,
  ReshipmentUsed,
  UnknownCarrier,
} from '../../../src/domain/index.js';

/** One of every expected failure, with the status and zerg error_code the API has always answered for it. */
const EXPECTED: [DomainError, string, number, number][] = [
  [new InvalidMoney(0.5), 'MONEY.INVALID', 400, 10000],
  [new InvalidOrderLine('count must be an integer'), 'ORDER.INVALID_LINE', 400, 10000],
  [new InvalidAppCredentials(), 'TOKEN.INVALID_APP_CREDENTIALS', 401, 10004],
  [new NotOrderOwner(), 'ORDER.NOT_OWNER', 403, 10003],
  [new TooManyFailedAttempts(900), 'TOKEN.TOO_MANY_FAILED_ATTEMPTS', 429, 10005],
  [new AddressMissing('placing'), 'ADDRESS.MISSING', 404, 60001],
  [new AddressMissing('reading'), 'ADDRESS.MISSING', 404, 60001],
  [new ProductNotFound([4, 99]), 'PRODUCT.NOT_FOUND', 404, 80000],
  [new OrderNotFound(7), 'ORDER.NOT_FOUND', 404, 80000],
  [new OrderNotDeliverable(7), 'ORDER.NOT_DELIVERABLE', 409, 80002],
  [new OrderNotPayable(7, 'PAID'), 'ORDER.NOT_PAYABLE', 409, 80003],
  [new OrderClosed(7), 'ORDER.CLOSED', 409, 80004],
  [new RefundNotAllowed(7, 'not paid'), 'REFUND.NOT_ALLOWED', 409, 80006],
  [new InvalidShipment('parcels', 'must name at least one parcel'), 'SHIPMENT.INVALID', 400, 10000],
  [new UnknownCarrier('parcels[0].carrier_code', 'NOPE'), 'SHIPMENT.UNKNOWN_CARRIER', 400, 10000],
  [new OrderFullyRefunded(7), 'ORDER.FULLY_REFUNDED', 409, 80007],
  [new ReshipmentUsed(7), 'SHIPMENT.RESHIPMENT_USED', 409, 80008],
];

describe('error mapping of domain errors', () => {
  for (const [error, code, status, errorCode] of EXPECTED) {
    it(`${code} → ${status} ${errorCode}, with its message: ${error.message.split(':')[0]}`, () => {
      expect(error.code).to.equal(code);
      expect(errorAnswer(error)).to.deep.include({ status, errorCode, message: error.message });
      expect(errorAnswer(error).unexpected).to.equal(undefined);
    });
  }

  it('has one row per code, and a row for every domain and application error there is', () => {
    const declared = [...Object.values(domain), ...Object.values(application)].filter(
      (value: unknown) => typeof value === 'function' && value.prototype instanceof DomainError,
    );
    expect(EXPECTED.map(([error]) => error.constructor)).to.include.members(declared);
    expect(Object.keys(DOMAIN_ERROR_ANSWERS)).to.have.members([...new Set(EXPECTED.map(([, code]) => code))]);
  });

  it('tells a locked-out app when to try again', () => {
    expect(errorAnswer(new TooManyFailedAttempts(900)).headers).to.deep.equal({ 'Retry-After': '900' });
  });

  it('answers a domain error with no row as a bug: 500 999, logged, without its message', () => {
    class Unlisted extends DomainError {
      readonly code = 'NOT.IN_THE_TABLE';
    }
    expect(errorAnswer(new Unlisted('secret detail'))).to.deep.include({ status: 500, errorCode: 999, unexpected: true });
    expect(errorAnswer(new Unlisted('secret detail')).message).to.not.include('secret');
  });
});

/** Driver failures that a retry can cure answer 503 (WeChat retries a notify, a client retries a request). */
describe('error mapping of driver failures', () => {
  const driverError = (code: string, message: string) => Object.assign(new Error(message), { code });

  for (const [code, message] of [
    ['ER_LOCK_WAIT_TIMEOUT', 'Lock wait timeout exceeded; try restarting transaction'],
    ['PROTOCOL_CONNECTION_LOST', 'Connection lost: The server closed the connection.'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:3306'],
    ['SQLITE_BUSY', 'database is locked'],
    // A Galera node outside the primary component or still joining, and a write set that lost certification.
    ['ER_UNKNOWN_COM_ERROR', 'WSREP has not yet prepared node for application use'],
    ['ER_ERROR_DURING_COMMIT', 'Error while appending streaming replication fragment(provider status: Not connected to Primary Component)'],
    ['ER_LOCK_DEADLOCK', 'Deadlock found when trying to get lock; try restarting transaction'],
  ] as const) {
    it(`${code} → 503 90002, Retry-After 1`, () => {
      const answer = errorAnswer(driverError(code, message));
      expect(answer).to.include({ status: 503, errorCode: 90002 });
      expect(answer.headers).to.deep.equal({ 'Retry-After': '1' });
    });
  }

  it('anything else unknown → 500 999 without internals', () => {
    const answer = errorAnswer(new Error('secret detail'));
    expect(answer).to.include({ status: 500, errorCode: 999 });
    expect(answer.message).to.not.include('secret');
  });
});
