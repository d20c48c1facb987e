import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categorizeError } from './dependency-errors.js';

/** A pg server error (node-postgres DatabaseError shape). */
const pgError = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code, severity: 'ERROR' });
/** A socket error as Node raises it. */
const socketError = (code: string): Error =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect', errno: -111 });
/** What Prisma throws around a driver-adapter error. */
const prismaKnown = (code: string, cause?: unknown): Error =>
  Object.assign(new Error('Invalid `prisma.resume.findMany()` invocation'), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: cause ? { driverAdapterError: Object.assign(new Error('adapter'), { name: 'DriverAdapterError', cause }) } : undefined,
  });

describe('categorizeError', () => {
  it('sees an unreachable, closed, stalled or overloaded database through every wrapping', () => {
    const unavailable = [
      socketError('ECONNREFUSED'),
      socketError('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Query read timeout'),
      new Error('Transaction already closed: A query cannot be executed on an expired transaction.'),
      pgError('57014', 'canceling statement due to statement timeout'),
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('08006'),
      pgError('53300'),
      pgError('25P03'),
      prismaKnown('P1001'),
      prismaKnown('P2024'),
      prismaKnown('P2010', { kind: 'DatabaseNotReachable', host: '127.0.0.1' }),
      prismaKnown('P2010', { kind: 'postgres', code: '57014' }),
      Object.assign(new Error('boot'), { name: 'PrismaClientInitializationError' }),
      Object.assign(new Error('wrapped'), { cause: socketError('ETIMEDOUT') }),
      new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')], ''),
    ];
    for (const error of unavailable) assert.equal(categorizeError(error), 'database-unavailable', error.message);
  });

  it('sees values PostgreSQL refuses to store as invalid input', () => {
    for (const error of [
      pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
      pgError('22008', 'date/time field value out of range'),
      pgError('22003'),
      prismaKnown('P2010', { kind: 'ValueOutOfRange', cause: 'x' }),
      prismaKnown('P2010', { kind: 'postgres', code: '22P05', originalCode: '22P05' }),
    ]) {
      assert.equal(categorizeError(error), 'invalid-value', error.message);
    }
  });

  it('tells a Redis connection failure from a database one', () => {
    assert.equal(categorizeError(Object.assign(socketError('ECONNREFUSED'), { name: 'RedisConnectionError' })), 'cache-unavailable');
  });

  it('leaves bugs and other errors alone (they stay 500s)', () => {
    for (const error of [new TypeError('x is undefined'), pgError('42P01'), prismaKnown('P2002'), 'string', null, undefined]) {
      assert.equal(categorizeError(error), null);
    }
  });
});
