import { useTranslation } from 'react-i18next';
import { type Quote } from '../../src-shared/contracts/http';
import { formatDate } from '../format/date';
import { formatYen } from '../format/yen';
import { QuoteTotals } from './QuoteTotals';

/** The quote's lines and tax exactly as the service computed them. */
export function QuoteTable({ quote }: { quote: Quote }) {
  const { t, i18n } = useTranslation();
  const yen = (n: number) => formatYen(n, i18n.language);
  return (
    <>
      <p data-testid="new-term">
        {t('renewalPage.newTerm')}: {formatDate(quote.term.start, i18n.language)} – {formatDate(quote.term.end, i18n.language)}
      </p>
      {quote.planKind === 'resumption' && <p className="muted">{t('renewalPage.resumeNote')}</p>}
      <table className="quote">
        <thead>
          <tr>
            <th scope="col">{t('renewalPage.item')}</th>
            <th scope="col" className="num">
              {t('renewalPage.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {quote.lines.map((line) => (
            <tr key={line.code}>
              {/* The service words its lines in Japanese (the product's catalog); English names the basic line itself. */}
              <td>
                {line.kind === 'basic' && i18n.language !== 'ja' ? t('wizard.basicLine', { months: line.months }) : line.label}
              </td>
              <td className="num">
                {line.status === 'included'
                  ? t('renewalPage.included')
                  : line.status === 'free'
                    ? `${yen(0)}（${t('renewalPage.free')}）`
                    : yen(line.amountYen)}
              </td>
            </tr>
          ))}
        </tbody>
        <QuoteTotals quote={quote} />
      </table>
    </>
  );
}
