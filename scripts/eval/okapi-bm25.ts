/**
 * Plain Okapi BM25 written out in the eval itself, as the baseline that keyword search must reach
 * (issue 14): lowercase alphanumeric tokens, English stop words dropped, no stemming, k1 = 1.2,
 * b = 0.75, IDF = ln(1 + (N - df + 0.5) / (df + 0.5)). It shares no code with the SQL it judges.
 */
const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can ' +
    'did do does doing down during each few for from further had has have having he her here hers herself him himself his how i ' +
    'if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out ' +
    'over own same she should so some such than that the their theirs them themselves then there these they this those through ' +
    'to too under until up very was we were what when where which while who whom why will with you your yours yourself yourselves'
  ).split(' '),
);

export function bm25Tokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((token) => !STOP_WORDS.has(token));
}

export class OkapiBm25 {
  private readonly docs: Array<{ id: string; length: number; tf: Map<string, number> }>;
  private readonly df = new Map<string, number>();
  private readonly avgdl: number;

  constructor(
    documents: Array<{ id: string; text: string }>,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.docs = documents.map(({ id, text }) => {
      const tokens = bm25Tokens(text);
      const tf = new Map<string, number>();
      for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
      for (const term of tf.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
      return { id, length: tokens.length, tf };
    });
    this.avgdl = this.docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(1, this.docs.length);
  }

  /** Ids of the documents sharing a term with the query, best first (id breaks ties). */
  rank(query: string, limit = Infinity): string[] {
    const n = this.docs.length;
    const terms = [...new Set(bm25Tokens(query))].filter((term) => this.df.has(term));
    const scored = this.docs
      .map((doc) => {
        let score = 0;
        for (const term of terms) {
          const tf = doc.tf.get(term);
          if (!tf) continue;
          const df = this.df.get(term)!;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          score += (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * doc.length) / this.avgdl));
        }
        return { id: doc.id, score };
      })
      .filter((doc) => doc.score > 0)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return scored.slice(0, limit).map((doc) => doc.id);
  }
}
