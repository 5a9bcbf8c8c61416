import type { BenchRow } from './run';
import { extractionBenchmark } from './extraction';
import { newsExtractionBenchmark } from './extraction-news';
import { dashboardBenchmark } from './dashboard';
import { ingestBenchmark } from './ingest';
import { synthBenchmark } from './synth';
import { exportBenchmark } from './export';
import { securityBenchmark } from './security';

export interface Benchmark { name: string; run(): Promise<BenchRow[]> }

/** Each issue adds its benchmark here. */
export const benchmarks: Benchmark[] = [
  { name: 'extraction', run: extractionBenchmark },
  { name: 'extraction-news', run: newsExtractionBenchmark },
  { name: 'dashboard', run: dashboardBenchmark },
  { name: 'ingest', run: ingestBenchmark },
  { name: 'synth', run: synthBenchmark },
  { name: 'export', run: exportBenchmark },
  { name: 'security', run: securityBenchmark },
];
