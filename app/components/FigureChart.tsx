'use client';

// A chart of server-computed buckets (streets, communities or periods) framed as a publishable figure:
// title, unit, filters, source line, PNG/SVG/CSV downloads and the same data as a table. Bars for what
// adds up (sums, counts, by place); a line for levels and rates over time, one per place compared. Empty
// periods stay on the time axis as gaps. Ticks are round (1-2-5 steps), bars carry their values.
// Clicking a bar (or its row's link, for keyboard users) opens the list of its figures.
import { useRouter } from 'next/navigation';
import { useRef, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Lang } from '../../lib/vocab/codes';
import { shortNumber } from '../../lib/vocab/format';
import { niceTicks } from '../../lib/vocab/ticks';
import { downloadPng, downloadSvg, type ChartFrame } from './chartExport';
import { CountCells } from './CountCells';

export interface ChartBar {
  key: string;            // stable id of the bucket (place code, YYYY-MM, or "none")
  label: string;
  value: number | null;   // what the bar's height shows: a total, a level, a median or a count; null: an empty period
  exactPart: number | null; // value = exactPart (solid) + approxPart (hatched)
  approxPart: number | null;
  figures: number;
  approximate: number;
  display: string;        // the value the Chinese way (1.4亿元)
  short: string;          // the value label on the bar (1.4亿元)
  exact: string;          // the exact value, for hover
  href: string;           // the view listing this bucket's figures
  /** a comparison of places over time: each place's value in this period (null: none) */
  values?: Record<string, number | null>;
}

/** A place compared over time: its line's key in ChartBar.values and its name. */
export interface ChartLine { key: string; label: string }

export interface FigureChartLabels {
  png: string; svg: string; csv: string; table: string; legend: string;
  bucket: string; value: string; figures: string; approx: string;
  /** after a value resting partly on approximate figures (余, 超, 约…): {n} is how many */
  approxIncluded: string;
}

interface Props {
  testId: string;
  frame: ChartFrame;
  bars: ChartBar[];
  selectedKey: string | null;
  csvHref: string;
  fileName: string;
  labels: FigureChartLabels;
  lang: Lang;
  /** angled labels for long place names; months read fine flat */
  angled?: boolean;
  /** what the chart leaves out and where it is (figures dated more coarsely than its periods) */
  note?: ReactNode;
  /** levels and rates over time are read as a line (several lines: places compared) */
  shape?: 'bar' | 'line';
  lines?: ChartLine[];
}

const LINE_COLORS = ['#c0392b', '#2c6e9b', '#2f8f5b', '#8e5ea2', '#d68910', '#5d6d7e', '#b03a7a', '#17806d'];
/** Bars carry their value labels while they fit. */
const MAX_LABELLED_BARS = 24;

const COLOR = '#c0392b';
const SELECTED = '#7b241c';

export function FigureChart({ testId, frame, bars, selectedKey, csvHref, fileName, labels, lang, angled = false, note, shape = 'bar', lines }: Props) {
  const router = useRouter();
  const holder = useRef<HTMLDivElement>(null);
  const hatch = `${testId}-hatch`;
  const svg = () => holder.current?.querySelector<SVGSVGElement>('svg.recharts-surface') ?? null;
  const open = (bar: ChartBar | undefined) => { if (bar) router.push(bar.href, { scroll: false }); };
  const hasApprox = bars.some((b) => b.approximate > 0);
  // a bar's value label sits on its upper part (recharts draws no label on a part of no height)
  const labelled = bars.map((b) => ({ ...b, topOfExact: b.approxPart ? '' : b.short, topOfApprox: b.approxPart ? b.short : '' }));
  const plotted = lines?.length ? bars.flatMap((b) => Object.values(b.values ?? {})) : bars.map((b) => b.value);
  const numbers = plotted.filter((v): v is number => v !== null);
  const ticks = niceTicks(Math.min(0, ...numbers), Math.max(0, ...numbers), { whole: labels.value === labels.figures });
  const yAxis = <YAxis width={64} tick={{ fontSize: 12 }} tickFormatter={(v: number) => shortNumber(v, lang)} ticks={ticks} domain={[ticks[0], ticks[ticks.length - 1]]} interval={0} />;
  // every period is labelled while they fit, so an empty one is seen to be empty
  const xAxis = <XAxis dataKey="label" interval={angled || bars.length <= 12 ? 0 : 'preserveStartEnd'} angle={angled ? -35 : 0} textAnchor={angled ? 'end' : 'middle'}
    height={angled ? 64 : 30} tick={{ fontSize: 12 }} />;
  const tooltip = <Tooltip content={({ active, payload }) => {
    // both stacked parts (or every line) describe the same bucket: show it once
    const bar = active ? (payload?.[0]?.payload as ChartBar | undefined) : undefined;
    if (!bar) return null;
    return (
      <div className="chart-tip">
        <strong>{bar.label}</strong><br />
        <span title={bar.exact}>{bar.display}</span><br />
        {labels.figures} {bar.figures}{bar.approximate ? ` · ${labels.approx} ${bar.approximate}` : ''}
      </div>
    );
  }} />;

  return (
    <figure className="chart-card" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <figcaption>
        <h2 id={`${testId}-title`}>{frame.title}</h2>
        {frame.lines.map((line) => <p className="meta" key={line}>{line}</p>)}
      </figcaption>
      <div ref={holder} className="chart-area" style={{ height: angled ? 340 : 300 }} aria-hidden="true">
        <ResponsiveContainer>
          {shape === 'line' ? (
            <LineChart data={bars} margin={{ top: 12, right: 16, bottom: angled ? 56 : 8, left: 4 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {xAxis}{yAxis}{tooltip}
              {lines?.length ? <Legend verticalAlign="top" height={24} /> : null}
              {/* an empty period is a gap in the line: nothing was reported then */}
              {(lines?.length ? lines : [{ key: '', label: labels.value }]).map((line, i) => (
                <Line key={line.key || 'value'} dataKey={line.key ? `values.${line.key}` : 'value'} name={line.label} stroke={LINE_COLORS[i % LINE_COLORS.length]}
                  strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
              ))}
            </LineChart>
          ) : (
            <BarChart data={labelled} margin={{ top: 18, right: 12, bottom: angled ? 56 : 8, left: 4 }} accessibilityLayer={false}>
              <defs>
                <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="6" height="6" fill="#e6a69f" />
                  <line x1="0" y1="0" x2="0" y2="6" stroke={COLOR} strokeWidth="3" />
                </pattern>
              </defs>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {xAxis}{yAxis}{tooltip}
              {(['exactPart', 'approxPart'] as const).map((part) => (
                <Bar key={part} dataKey={part} stackId="bucket" name={labels.value} isAnimationActive={false} cursor="pointer"
                  onClick={(entry: unknown) => open((entry as { payload?: ChartBar }).payload)}>
                  {bars.map((bar) => (
                    <Cell key={bar.key} data-key={bar.key}
                      fill={part === 'approxPart' ? `url(#${hatch})` : bar.key === selectedKey ? SELECTED : COLOR}
                      stroke={bar.key === selectedKey ? SELECTED : COLOR} strokeWidth={bar.key === selectedKey ? 2 : 0.5} />
                  ))}
                  {/* the value on top of the whole bar: on whichever part of the stack is uppermost */}
                  {bars.length <= MAX_LABELLED_BARS && (
                    <LabelList dataKey={part === 'approxPart' ? 'topOfApprox' : 'topOfExact'} position="top" style={{ fontSize: 11, fill: '#323f4b' }} />
                  )}
                </Bar>
              ))}
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
      {hasApprox && <p className="meta legend"><span className="swatch hatch" aria-hidden="true" /> {labels.legend}</p>}
      {note && <p className="meta">{note}</p>}
      <p className="meta source-line">{frame.source}</p>
      <div className="chart-actions">
        <button type="button" onClick={() => { const s = svg(); if (s) void downloadPng(s, frame, fileName); }}>{labels.png}</button>
        <button type="button" onClick={() => { const s = svg(); if (s) downloadSvg(s, frame, fileName); }}>{labels.svg}</button>
        <a href={csvHref} download>{labels.csv}</a>
      </div>
      <details className="chart-table">
        <summary>{labels.table}</summary>
        <table>
          <caption className="visually-hidden">{frame.title}</caption>
          <thead><tr><th scope="col">{labels.bucket}</th><th scope="col" className="num">{labels.value}</th>{lines?.map((l) => <th key={l.key} scope="col" className="num">{l.label}</th>)}<th scope="col" className="num">{labels.figures}</th><th scope="col" className="num">{labels.approx}</th></tr></thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key} aria-current={bar.key === selectedKey ? 'true' : undefined}>
                <td><a href={bar.href} onClick={(e) => { e.preventDefault(); open(bar); }}>{bar.label}</a></td>
                <td className="num"><span title={bar.exact} className={bar.approximate ? 'approx' : undefined}>{bar.display}</span>
                  {bar.approximate > 0 && bar.value !== null && <span className="approx-mark" data-testid="approx-mark">{labels.approxIncluded.replace('{n}', String(bar.approximate))}</span>}</td>
                {lines?.map((l) => <td key={l.key} className="num">{bar.values?.[l.key] == null ? '—' : shortNumber(bar.values[l.key]!, lang)}</td>)}
                <CountCells figures={bar.figures} approximate={bar.approximate} />
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
