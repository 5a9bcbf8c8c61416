import type { ReactNode } from 'react';

export interface Highlight {
  start: number; end: number;           // UTF-16 offsets into the text
  title: string;                         // shown on hover: metric and normalised value
  href?: string;
  current?: boolean;
  id?: string;
}

/**
 * Text with figures wrapped in <mark> and, optionally, one sentence wrapped in a shaded span.
 * Overlapping or out-of-range highlights are skipped rather than garbling the text.
 */
export function HighlightedText({ text, highlights, sentence }: { text: string; highlights: Highlight[]; sentence?: { start: number; end: number } }) {
  const marks = highlights.filter((h) => h.start >= 0 && h.end <= text.length && h.start < h.end).sort((a, b) => a.start - b.start);
  const kept: Highlight[] = [];
  for (const m of marks) if (!kept.length || m.start >= kept[kept.length - 1].end) kept.push(m);

  // cut points: every mark boundary plus the sentence's
  const renderRange = (from: number, to: number): ReactNode[] => {
    const out: ReactNode[] = [];
    let pos = from;
    for (const m of kept) {
      if (m.end <= from || m.start >= to) continue;
      const s = Math.max(m.start, from), e = Math.min(m.end, to);
      if (s > pos) out.push(text.slice(pos, s));
      const inner = text.slice(s, e);
      out.push(
        <mark key={`${m.start}-${s}`} id={m.id} title={m.title} className={m.current ? 'current' : undefined} data-testid={m.current ? 'current-figure' : 'figure-mark'}>
          {m.href ? <a href={m.href}>{inner}</a> : inner}
        </mark>,
      );
      pos = e;
    }
    if (pos < to) out.push(text.slice(pos, to));
    return out;
  };

  if (!sentence || sentence.start < 0 || sentence.end > text.length || sentence.start >= sentence.end) {
    return <div className="article-text">{renderRange(0, text.length)}</div>;
  }
  return (
    <div className="article-text">
      {renderRange(0, sentence.start)}
      <span className="sentence" id="sentence" data-testid="fact-sentence">{renderRange(sentence.start, sentence.end)}</span>
      {renderRange(sentence.end, text.length)}
    </div>
  );
}
