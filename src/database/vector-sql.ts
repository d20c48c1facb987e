/** pgvector's text form `[a,b,...]`, passed as a query PARAMETER and cast with `::vector`. */
export function toVectorLiteral(vector: ArrayLike<number>): string {
  return `[${Array.from(vector).join(',')}]`;
}

export function parseVectorLiteral(text: string): number[] {
  return text.slice(1, -1).split(',').map(Number);
}
