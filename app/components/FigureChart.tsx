'use client';

// A bar chart of server-computed buckets (streets, communities or months) framed as a publishable
// figure: title, unit, filters, source line, PNG/SVG/CSV downloads and the same data as a table.
// Clicking a bar (or its row's link, for keyboard users) opens the list of its figures.
import { useRouter } from 'next/navigation';
import { useRef, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Lang } from '../../lib/vocab/codes';
import { shortNumber } from '../../lib/vocab/format';
import { downloadPng, downloadSvg, type ChartFrame } from './chartExport';
import { CountCells } from './CountCells';

export interface ChartBar {
  key: string;            // stable id of the bucket (place code, YYYY-MM, or "none")
  label: string;
  value: number;          // what the bar's height shows: a total, a mean or a count
  exactPart: number;      // value = exactPart (solid) + approxPart (hatched)
  approxPart: number;
  figures: number;
  approximate: number;
  display: string;        // the value the Chinese way (1.4亿元)
  exact: string;          // the exact value, for hover
  href: string;           // the view listing this bucket's figures
}

export interface FigureChartLabels {
  png: string; svg: string; csv: string; table: string; legend: string;
  bucket: string; value: string; figures: string; approx: string;
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
}

const COLOR = '#c0392b';
const SELECTED = '#7b241c';

export function FigureChart({ testId, frame, bars, selectedKey, csvHref, fileName, labels, lang, angled = false, note }: Props) {
  const router = useRouter();
  const holder = useRef<HTMLDivElement>(null);
  const hatch = `${testId}-hatch`;
  const svg = () => holder.current?.querySelector<SVGSVGElement>('svg.recharts-surface') ?? null;
  const open = (bar: ChartBar | undefined) => { if (bar) router.push(bar.href, { scroll: false }); };
  const hasApprox = bars.some((b) => b.approximate > 0);

  return (
    <figure className="chart-card" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <figcaption>
        <h2 id={`${testId}-title`}>{frame.title}</h2>
        {frame.lines.map((line) => <p className="meta" key={line}>{line}</p>)}
      </figcaption>
      <div ref={holder} className="chart-area" style={{ height: angled ? 340 : 300 }} aria-hidden="true">
        <ResponsiveContainer>
          <BarChart data={bars} margin={{ top: 8, right: 12, bottom: angled ? 56 : 8, left: 4 }} accessibilityLayer={false}>
            <defs>
              <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#e6a69f" />
                <line x1="0" y1="0" x2="0" y2="6" stroke={COLOR} strokeWidth="3" />
              </pattern>
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval={angled ? 0 : 'preserveStartEnd'} angle={angled ? -35 : 0} textAnchor={angled ? 'end' : 'middle'}
              height={angled ? 64 : 30} tick={{ fontSize: 12 }} />
            <YAxis width={64} tick={{ fontSize: 12 }} tickFormatter={(v: number) => shortNumber(v, lang)} allowDecimals={false} />
            <Tooltip content={({ active, payload }) => {
              // both stacked parts describe the same bucket: show it once
              const bar = active ? (payload?.[0]?.payload as ChartBar | undefined) : undefined;
              if (!bar) return null;
              return (
                <div className="chart-tip">
                  <strong>{bar.label}</strong><br />
                  <span title={bar.exact}>{bar.display}</span><br />
                  {labels.figures} {bar.figures}{bar.approximate ? ` · ${labels.approx} ${bar.approximate}` : ''}
                </div>
              );
            }} />
            {(['exactPart', 'approxPart'] as const).map((part) => (
              <Bar key={part} dataKey={part} stackId="bucket" name={labels.value} isAnimationActive={false} cursor="pointer"
                onClick={(entry: unknown) => open((entry as { payload?: ChartBar }).payload)}>
                {bars.map((bar) => (
                  <Cell key={bar.key} data-key={bar.key}
                    fill={part === 'approxPart' ? `url(#${hatch})` : bar.key === selectedKey ? SELECTED : COLOR}
                    stroke={bar.key === selectedKey ? SELECTED : COLOR} strokeWidth={bar.key === selectedKey ? 2 : 0.5} />
                ))}
              </Bar>
            ))}
          </BarChart>
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
          <thead><tr><th scope="col">{labels.bucket}</th><th scope="col" className="num">{labels.value}</th><th scope="col" className="num">{labels.figures}</th><th scope="col" className="num">{labels.approx}</th></tr></thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key} aria-current={bar.key === selectedKey ? 'true' : undefined}>
                <td><a href={bar.href} onClick={(e) => { e.preventDefault(); open(bar); }}>{bar.label}</a></td>
                <td className="num"><span title={bar.exact} className={bar.approximate ? 'approx' : undefined}>{bar.display}</span></td>
                <CountCells figures={bar.figures} approximate={bar.approximate} />
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
