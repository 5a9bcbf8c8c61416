// A list of checks: what was checked, the arithmetic, the verdict, and links to the figures it rests on.
import type { CheckView } from '../../lib/checks';
import { explainCheck } from '../../lib/checks/explain';
import { reviewStatusLabel } from '../../lib/vocab/codes';
import { formatValue } from '../../lib/vocab/format';
import { KIND_LABELS, ROLE_LABELS, VERDICT_LABELS, type CheckLang } from './checkLabels';
import styles from './checks.module.css';

export function CheckList({ checks, lang = 'zh', currentFactId }: { checks: CheckView[]; lang?: CheckLang; currentFactId?: number }) {
  return (
    <ul className={styles.list} data-testid="check-list">
      {checks.map((c) => ({ c, working: explainCheck(c, lang) })).map(({ c, working }) => (
        <li key={c.id} className={styles.item} data-testid="check" data-kind={c.kind} data-verdict={c.verdict}>
          <div className={styles.head}>
            <span className={styles.kind}>{KIND_LABELS[lang][c.kind] ?? c.kind}</span>
            <span className={`${styles.verdict} ${styles[c.verdict]}`} data-testid="check-verdict">
              {VERDICT_LABELS[lang][c.verdict]}
              {c.verdict === 'off' && c.difference !== null && c.difference !== 0 && ` · ${lang === 'zh' ? '相差' : 'by'} ${formatDifference(c, lang)}`}
            </span>
            {c.date && <span className={styles.note}>{c.date}</span>}
          </div>
          <p className={styles.arithmetic} data-testid="check-arithmetic">{working.arithmetic}</p>
          {working.note && <p className={styles.note} data-testid="check-note">{working.note}</p>}
          <p className={styles.figures}>
            {c.figures.map((f) => (
              <a key={f.factId} href={`/facts/${f.factId}`} aria-current={f.factId === currentFactId ? 'true' : undefined}>
                {/* the value the check used: a corrected figure shows its effective value and what it was written as */}
                {ROLE_LABELS[lang][f.role] ?? f.role}{lang === 'zh' ? '：' : ': '}{f.reviewStatus === 'corrected' ? formatValue(f.value, f.unit, lang) : f.text}
                {f.reviewStatus !== 'unreviewed' ? (lang === 'zh' ? `（${reviewStatusLabel(f.reviewStatus, lang)}${f.reviewStatus === 'corrected' ? `，原文“${f.text}”` : ''}）` : ` (${reviewStatusLabel(f.reviewStatus, lang)}${f.reviewStatus === 'corrected' ? `; written “${f.text}”` : ''})`) : ''}
              </a>
            ))}
          </p>
        </li>
      ))}
    </ul>
  );
}

function formatDifference(c: CheckView, lang: CheckLang): string {
  const d = Math.abs(c.difference ?? 0);
  const sign = (c.difference ?? 0) > 0 ? '+' : '−';
  // rates, shares and growth are off by percentage points; the others in the unit of their figures
  if (c.kind === 'rate' || c.kind === 'share_of_target' || c.kind === 'growth') return `${sign}${Number(d.toFixed(2))}${lang === 'zh' ? ' 个百分点' : ' pp'}`;
  const unit = c.figures.find((f) => f.role !== 'stated')?.unit ?? 'count';
  return `${sign}${formatValue(d, unit, lang)}`;
}
