import { normalize } from './token-windows.js';

/** int64 inputs of a BERT-style encoder for one padded batch (right padding, one segment). */
export interface PaddedBatch {
  batch: number;
  /** Padded sequence length: the longest sequence of the batch. */
  length: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
}

export function padBatch(sequences: number[][]): PaddedBatch {
  const batch = sequences.length;
  const length = Math.max(...sequences.map((s) => s.length));
  const inputIds = new BigInt64Array(batch * length);
  const attentionMask = new BigInt64Array(batch * length);
  sequences.forEach((sequence, b) => {
    for (let t = 0; t < sequence.length; t++) {
      inputIds[b * length + t] = BigInt(sequence[t]);
      attentionMask[b * length + t] = 1n;
    }
  });
  return { batch, length, inputIds, attentionMask, tokenTypeIds: new BigInt64Array(batch * length) };
}

/**
 * Sentence-transformers pooling: the mean of `last_hidden_state` over each sequence's real tokens
 * (the attention mask), then unit length. `hidden` is [batch, length, dims] row-major.
 */
export function meanPoolNormalized(hidden: Float32Array, dims: number, padded: PaddedBatch, sequenceLengths: number[]): Float32Array[] {
  return sequenceLengths.map((tokens, b) => {
    const vector = new Float32Array(dims);
    for (let t = 0; t < tokens; t++) {
      const offset = (b * padded.length + t) * dims;
      for (let d = 0; d < dims; d++) vector[d] += hidden[offset + d];
    }
    for (let d = 0; d < dims; d++) vector[d] /= tokens;
    return normalize(vector);
  });
}

/**
 * Groups windows into ONNX runs: sorted by length, so similar lengths share a run and little compute
 * goes to padding; each run holds at most `maxBatch` windows and, when `maxBatchTokens` > 0, at most
 * that many padded tokens (windows x its longest, the last one since they are sorted). Returns each
 * run's window indexes. The service and the bare-session bench run the same plan.
 */
export function planRuns(lengths: number[], maxBatch: number, maxBatchTokens: number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b]);
  const runs: number[][] = [];
  for (let i = 0; i < order.length;) {
    let end = Math.min(i + maxBatch, order.length);
    if (maxBatchTokens > 0) {
      end = i + 1;
      while (end < order.length && end - i < maxBatch && (end - i + 1) * lengths[order[end]] <= maxBatchTokens) end++;
    }
    runs.push(order.slice(i, end));
    i = end;
  }
  return runs;
}
