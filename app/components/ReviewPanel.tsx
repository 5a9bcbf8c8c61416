// The review trail of a figure for everyone, and for a signed-in editor the review form:
// <ReviewPanel factId={fact.id} lang={lang} returnTo={`/facts/${fact.id}`} />. A plain HTML form posting to
// /api/facts/:id/review, which redirects back here: no client JavaScript needed.
import { getDb } from '../../db/client';
import { reviewableFact } from '../../db/review';
import { currentEditor } from '../../lib/auth/server';
import { reviewTrail } from '../../lib/review';
import { reviewStatusLabel } from '../../lib/vocab/codes';
import { metrics, metricLabel } from '../../lib/vocab/metrics';
import { formatValue } from '../../lib/vocab/format';
import { unitDefinitions, unitLabel } from '../../lib/vocab/units';
import { REVIEW_LABELS, type CheckLang } from './checkLabels';
import { CsrfField } from './CsrfField';
import styles from './checks.module.css';

type Figure = { status: string; value: number; unit: string; metric: string };

function describe(f: Figure, lang: CheckLang): string {
  return `${reviewStatusLabel(f.status, lang)} · ${formatValue(f.value, f.unit, lang)} · ${metricLabel(f.metric, lang)}`;
}

/** A field a correction may change (unit, metric): empty keeps the figure's own. */
function Correction({ name, label, keep, value, options, lang }: { name: string; label: string; keep: string; value: string | null; options: [string, string][]; lang: CheckLang }) {
  return (
    <label>{label}
      <select name={name} defaultValue={value ?? ''}>
        <option value="">{keep}</option>
        {/* the code helps an English reader match the exports; a Chinese page shows words only */}
        {options.map(([code, text]) => <option key={code} value={code}>{lang === 'en' ? `${text} (${code})` : text}</option>)}
      </select>
    </label>
  );
}

export async function ReviewPanel({ factId, lang = 'zh', returnTo, flash }: {
  factId: number; lang?: CheckLang; returnTo?: string;
  /** the page's `reviewed` / `review_error` query parameters, to say how the last submission went */
  flash?: { reviewed?: string; error?: string };
}) {
  const l = REVIEW_LABELS[lang];
  const db = await getDb();
  const fact = await reviewableFact(db, factId);
  if (!fact) return null;
  const trail = await reviewTrail(db, factId);
  const editor = await currentEditor();
  const back = returnTo ?? `/facts/${factId}`;
  return (
    <div id="review" data-testid="review-panel">
      {flash?.reviewed && <p className={styles.flash} role="status" data-testid="review-saved">{l.saved}</p>}
      {flash?.error && <p className={styles.flashError} role="alert" data-testid="review-error">{flash.error}</p>}
      <h3>{l.trail}</h3>
      {trail.length === 0 ? <p className="muted" data-testid="review-trail-empty">{l.noTrail}</p> : (
        <table className={styles.trail} data-testid="review-trail">
          <thead><tr><th>{l.when}</th><th>{l.who}</th><th>{l.before}</th><th>{l.after}</th><th>{l.why}</th></tr></thead>
          <tbody>
            {trail.map((e) => (
              <tr key={e.id} data-testid="review-event">
                <td><time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</time></td>
                <td>{e.userName}</td>
                <td data-testid="review-before">{describe(e.before, lang)}</td>
                <td data-testid="review-after">{describe(e.after, lang)}</td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editor ? (
        <form method="post" action={`/api/facts/${factId}/review`} className={styles.form} data-testid="review-form">
          <CsrfField token={editor.csrfToken} />
          <input type="hidden" name="return_to" value={back} />
          <fieldset className={`${styles.statuses} ${styles.wide}`}>
            <legend>{l.status}</legend>
            {(['verified', 'corrected', 'rejected', 'unreviewed'] as const).map((s) => (
              <label key={s}><input type="radio" name="status" value={s} defaultChecked={fact.reviewStatus === s} required />{l[s]}</label>
            ))}
          </fieldset>
          <label>{l.value}<input name="value" inputMode="decimal" placeholder={l.valueHint} defaultValue={fact.correctedValue ?? ''} /></label>
          <Correction name="unit" label={l.unit} keep={`${l.keep} ${unitLabel(fact.unit, lang)}`} value={fact.correctedUnit} lang={lang}
            options={unitDefinitions().map((u) => [u.code, u[lang]])} />
          <Correction name="metric" label={l.metric} keep={`${l.keep} ${metricLabel(fact.metric, lang)}`} value={fact.correctedMetric} lang={lang}
            options={metrics().map((m) => [m.key, m[lang]])} />
          <label className={styles.wide}>{l.reason}<textarea name="reason" rows={2} maxLength={2000} /></label>
          <div><button type="submit">{l.submit}</button></div>
        </form>
      ) : (
        <p><a href={`/login?next=${encodeURIComponent(back)}`} data-testid="review-sign-in">{l.signIn}</a></p>
      )}
    </div>
  );
}
