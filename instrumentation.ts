// Runs once when the server starts (Next's instrumentation hook): one extraction worker is started and
// warmed (the extractor, pdf.js), so an editor's first upload does not wait seconds for it to load.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { extractionPool } = await import('./lib/ingest/pool');
  extractionPool().warm();
}
