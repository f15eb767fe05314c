import { useTranslation } from 'react-i18next';
import { type Quote } from '../../src-shared/contracts/http';
import { formatYen } from '../format/yen';

/** A quote's subtotal, tax and total as the service computed them (tax once on the whole, SPEC §7), never recomputed. */
export function QuoteTotals({ quote, labelColumns = 1 }: { quote: Quote; labelColumns?: number }) {
  const { t, i18n } = useTranslation();
  const yen = (n: number) => formatYen(n, i18n.language);
  const span = labelColumns > 1 ? labelColumns : undefined;
  return (
    <tfoot>
      <tr>
        <th scope="row" colSpan={span}>
          {t('renewalPage.subtotal')}
        </th>
        <td className="num">{yen(quote.subtotalYen)}</td>
      </tr>
      <tr>
        <th scope="row" colSpan={span}>
          {t('renewalPage.tax', { rate: quote.taxRatePercent })}
        </th>
        <td className="num">{yen(quote.taxYen)}</td>
      </tr>
      <tr className="total">
        <th scope="row" colSpan={span}>
          {t('renewalPage.total')}
        </th>
        <td className="num" data-testid="quote-total">
          {yen(quote.totalYen)}
        </td>
      </tr>
    </tfoot>
  );
}
