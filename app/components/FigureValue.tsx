import { exactValue, formatValue, qualifierLabel, qualifierMark, type Lang } from '../../lib/i18n';

/** A figure's value the Chinese way (1.4亿元), approximate ones marked (超300亿元), the exact value on hover. */
export function FigureValue({ value, unit, qualifier, lang }: { value: number; unit: string; qualifier: string; lang: Lang }) {
  const approximate = qualifier !== 'exact';
  const mark = qualifierMark(qualifier, lang);
  const title = `${exactValue(value, unit, lang)}${approximate ? ` (${qualifierLabel(qualifier, lang)})` : ''}`;
  return (
    <span className={approximate ? 'figure-value approx' : 'figure-value'} title={title} data-qualifier={qualifier}>
      {mark && <abbr className="qualifier-mark">{mark}{lang === 'en' ? ' ' : ''}</abbr>}
      {formatValue(value, unit, lang)}
    </span>
  );
}
