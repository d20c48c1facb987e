/**
 * What a thrown error says about the request: a dependency that cannot answer (503), a value the
 * database refuses to store (400), or neither (a bug: 500). Errors reach the exception filter in
 * several wrappings (Prisma's known/unknown request errors around a driver-adapter error around a
 * pg or socket error), so every layer of the chain is looked at.
 */
export type ErrorCategory = 'database-unavailable' | 'cache-unavailable' | 'invalid-value';

/** Prisma: can't reach / timed out / server closed the connection / pool timeout / transaction API. */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
/** Driver-adapter error kinds that mean the connection, not the query, failed. */
const ADAPTER_UNAVAILABLE = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
]);
const ADAPTER_INVALID = new Set(['ValueOutOfRange', 'InvalidInputValue', 'LengthMismatch']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** node-postgres and pg-pool raise these as plain Errors, with no code. */
const PG_UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'not queryable',
  'Cannot use a pool after calling end',
  'Transaction already closed',
  'Unable to start a transaction in the given time',
];
/** SQLSTATEs: connection exception (08), operator intervention (57: canceled by statement_timeout, shutdown), insufficient resources (53), idle-in-transaction timeout. */
const isUnavailableSqlState = (code: string): boolean => /^(08|57|53)/.test(code) || code === '25P03';
/** SQLSTATE class 22: data exception (NUL byte, date or number out of range, bad input syntax). */
const isInvalidValueSqlState = (code: string): boolean => /^22[0-9A-Z]{3}$/.test(code);

export function categorizeError(error: unknown): ErrorCategory | null {
  let redis = false;
  for (const layer of layers(error)) {
    const code = typeof layer.code === 'string' ? layer.code : undefined;
    const originalCode = typeof layer.originalCode === 'string' ? layer.originalCode : undefined;
    const kind = typeof layer.kind === 'string' ? layer.kind : undefined;
    const message = typeof layer.message === 'string' ? layer.message : '';
    const name = typeof layer.name === 'string' ? layer.name : '';
    if (name === 'PrismaClientInitializationError') return 'database-unavailable';
    if (code && PRISMA_UNAVAILABLE.has(code)) return 'database-unavailable';
    if (kind && ADAPTER_UNAVAILABLE.has(kind)) return 'database-unavailable';
    if (kind && ADAPTER_INVALID.has(kind)) return 'invalid-value';
    for (const sqlState of [code, originalCode]) {
      if (sqlState && /^[0-9A-Z]{5}$/.test(sqlState)) {
        if (isUnavailableSqlState(sqlState)) return 'database-unavailable';
        if (isInvalidValueSqlState(sqlState)) return 'invalid-value';
      }
    }
    if (/redis|ioredis|keyv/i.test(name) || /redis/i.test(message)) redis = true;
    if (code && SOCKET_CODES.has(code)) return redis ? 'cache-unavailable' : 'database-unavailable';
    if (PG_UNAVAILABLE_MESSAGES.some((text) => message.includes(text))) return 'database-unavailable';
  }
  return null;
}

/** The error and everything it wraps (cause, Prisma's meta and driver-adapter error), at most 8 deep. */
function* layers(error: unknown): Generator<Record<string, unknown>> {
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length && seen.size < 8) {
    const layer = queue.shift();
    if (typeof layer !== 'object' || layer === null || seen.has(layer)) continue;
    seen.add(layer);
    const record = layer as Record<string, unknown>;
    yield record;
    queue.push(record.cause);
    const meta = record.meta as Record<string, unknown> | undefined;
    if (meta && typeof meta === 'object') queue.push(meta, meta.driverAdapterError);
    if (Array.isArray(record.errors)) queue.push(...(record.errors as unknown[]).slice(0, 3));
  }
}
