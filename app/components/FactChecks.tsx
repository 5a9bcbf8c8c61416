// The checks a figure takes part in, for the fact page: <FactChecks factId={fact.id} lang={lang} />.
import { getDb } from '../../db/client';
import { checksForFact } from '../../lib/checks';
import { CheckList } from './CheckList';
import type { CheckLang } from './checkLabels';

export async function FactChecks({ factId, lang = 'zh' }: { factId: number; lang?: CheckLang }) {
  const checks = await checksForFact(await getDb(), factId);
  if (!checks.length) {
    return <p className="muted" data-testid="fact-checks-empty">{lang === 'zh' ? '这个数字没有可核对的算术关系。' : 'No arithmetic to check this figure against.'}</p>;
  }
  return <CheckList checks={checks} lang={lang} currentFactId={factId} />;
}
