/**
 * all-MiniLM-L6-v2 was trained on at most 256 word pieces (sentence-transformers cuts there), and
 * transformers.js would silently truncate at 512. A resume is longer: cut its word pieces into
 * overlapping windows that each fit (special tokens included); the caller embeds every window and
 * averages them, so the end of a long resume still counts.
 */
export function splitIntoWindows(pieceIds: number[], maxPieces: number, overlap: number): number[][] {
  if (maxPieces < 1) throw new RangeError('maxPieces must be >= 1');
  if (overlap < 0 || overlap >= maxPieces) throw new RangeError('overlap must be in [0, maxPieces)');
  if (pieceIds.length <= maxPieces) return [pieceIds];
  const stride = maxPieces - overlap;
  const windows: number[][] = [];
  for (let start = 0; ; start += stride) {
    const end = Math.min(start + maxPieces, pieceIds.length);
    windows.push(pieceIds.slice(start, end));
    if (end === pieceIds.length) break;
  }
  return windows;
}

/** Mean of unit vectors, re-normalised to unit length (the pooled document embedding). */
export function averageUnitVectors(vectors: Float32Array[]): Float32Array {
  if (vectors.length === 1) return vectors[0];
  const dims = vectors[0].length;
  const sum = new Float32Array(dims);
  for (const vector of vectors) for (let d = 0; d < dims; d++) sum[d] += vector[d];
  return normalize(sum);
}

export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < vector.length; d++) vector[d] /= norm;
  return vector;
}
