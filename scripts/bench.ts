/**
 * `npm run bench`: every benchmark, one after the other, then a one-line-per-target summary.
 * Add a bench by writing `scripts/bench-<name>.ts` exporting `run<Name>Bench()` that returns
 * `{ checks: BenchCheck[] }`, and listing it in BENCHES below (results are in BENCHMARKS.md).
 */
import { runEmbeddingsBench } from './bench-embeddings.js';
import { runHostileBench } from './bench-hostile.js';
import { runLoadBench } from './bench-load.js';
import { runSearchBench } from './bench-search.js';

interface BenchCheck {
  name: string;
  value: string;
  target: string;
  pass: boolean;
}

const BENCHES: Array<{ name: string; run: () => Promise<{ checks: BenchCheck[] }> }> = [
  { name: 'embeddings', run: () => runEmbeddingsBench() },
  { name: 'search', run: () => runSearchBench() },
  { name: 'hostile', run: () => runHostileBench() },
  { name: 'load', run: () => runLoadBench() },
];

async function main(): Promise<void> {
  const summary: Array<{ bench: string } & BenchCheck> = [];
  for (const bench of BENCHES) {
    console.log(`\n#### bench: ${bench.name}\n`);
    const { checks } = await bench.run();
    summary.push(...checks.map((check) => ({ bench: bench.name, ...check })));
  }
  console.log('\n#### summary');
  for (const c of summary) console.log(`${c.pass ? 'PASS' : 'MISS'}  [${c.bench}] ${c.name}: ${c.value} (target ${c.target})`);
  const misses = summary.filter((c) => !c.pass).length;
  console.log(misses ? `${misses} target(s) missed` : 'all targets met');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
