import type { BenchRow } from './run';
import { extractionBenchmark } from './extraction';

export interface Benchmark { name: string; run(): Promise<BenchRow[]> }

/** Each issue adds its benchmark here. */
export const benchmarks: Benchmark[] = [
  { name: 'extraction', run: extractionBenchmark },
];
