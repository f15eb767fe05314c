import { useTranslation } from 'react-i18next';
import { maskedFromLastGroup } from '../../src-shared/contracts/license-number';
import { type CoTerm, type Quote } from '../../src-shared/contracts/http';
import { formatDate } from '../format/date';
import { formatYen } from '../format/yen';
import { QuoteTotals } from './QuoteTotals';

/**
 * A co-terming quote (seed 003): every license it renews, from its current support end to the common end, with
 * the months and the tax-exclusive amount each is charged, then the whole quote's totals (tax once on the whole).
 */
export function CoTermTable({ quote, coTerm }: { quote: Quote; coTerm: CoTerm }) {
  const { t, i18n } = useTranslation();
  const yen = (n: number) => formatYen(n, i18n.language);
  const date = (d: string) => formatDate(d, i18n.language);
  return (
    <>
      <p data-testid="co-term-common-end">
        <strong>{t('wizard.coTerm.commonEnd', { date: date(coTerm.commonEnd) })}</strong>
      </p>
      <table className="quote co-term" data-testid="co-term-table">
        <caption>{t('wizard.coTerm.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wizard.coTerm.licenseNumber')}</th>
            <th scope="col">{t('wizard.coTerm.product')}</th>
            <th scope="col">
              {t('wizard.coTerm.ends')}
              <span className="hint">{t('wizard.coTerm.endsHint')}</span>
            </th>
            <th scope="col" className="num">
              {t('wizard.coTerm.monthsCharged')}
            </th>
            <th scope="col" className="num">
              {t('renewalPage.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {coTerm.licenses.map((license) => (
            <tr key={`${license.product}:${license.licenseNumberLast}`} data-this-device={license.thisDevice || undefined}>
              <th scope="row" className="license-number">
                <span className="mono">{maskedFromLastGroup(license.licenseNumberLast)}</span>
                {license.thisDevice && <span className="badge">{t('wizard.coTerm.thisDevice')}</span>}
              </th>
              <td className="product">{license.productName}</td>
              <td>
                <time dateTime={license.currentEnd}>{date(license.currentEnd)}</time>
                {' → '}
                <time dateTime={coTerm.commonEnd}>{date(coTerm.commonEnd)}</time>
                {license.renewal === 'resumption' && <span className="badge">{t('wizard.coTerm.resumption')}</span>}
              </td>
              <td className="num">
                {license.renewal === 'none' ? t('wizard.coTerm.none') : t('wizard.monthsOption', { months: license.months })}
              </td>
              <td className="num">{yen(license.amountYen)}</td>
            </tr>
          ))}
        </tbody>
        <QuoteTotals quote={quote} labelColumns={4} />
      </table>
    </>
  );
}
