// Duckling-style corpora: for each expected value, the sentences (written for these tests in the register
// of district news, taken from no article) that must give it. The figure a sentence is about is marked
// ⟦…⟧; corpus.test.ts (one runner) extracts the unmarked sentence and checks the fact at the mark.

/** An expected value, then the sentences that must yield it. */
export type Corpus = ReadonlyArray<readonly [expected: string, sentences: readonly string[]]>;
