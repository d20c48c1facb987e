/**
 * Whether a write failed on a unique index (Prisma P2002, or SQLSTATE 23505 through a driver
 * adapter or a raw query): the row another request wrote first, to be looked up and answered with.
 */
export function isUniqueViolation(error: unknown): boolean {
  const queue: unknown[] = [error];
  for (let depth = 0; queue.length && depth < 8; depth++) {
    const layer = queue.shift();
    if (typeof layer !== 'object' || layer === null) continue;
    const record = layer as Record<string, unknown>;
    if (
      record.code === 'P2002' ||
      record.code === '23505' ||
      record.originalCode === '23505' ||
      record.kind === 'UniqueConstraintViolation'
    ) {
      return true;
    }
    const meta = record.meta as Record<string, unknown> | undefined;
    queue.push(record.cause, meta, meta?.driverAdapterError);
  }
  return false;
}
