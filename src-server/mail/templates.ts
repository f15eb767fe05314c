import { type CalendarDate } from '../../src-shared/licensing/calendar-date';
import { type PayeeAccount } from '../renewals/transfer-instructions';
import { formatJapaneseDate, formatYen } from '../text/format';

// Mail texts are Japanese, for the vendor's customers (SPEC: messages shown to people are Japanese first).
// They are pure: the caller supplies every fact, so a text can be checked without a database or a clock.

export const MAIL_KINDS = {
  bankTransferInstructions: 'bank-transfer-instructions',
  renewalReminder: 'renewal-reminder',
} as const;

export type MailText = { subject: string; text: string };

/** Compatible with the catalog's support contact, so one can be passed as it is. */
export type MailSupportContact = { phone: string; phoneHours: { from: string; to: string }[]; webFormUrl?: string };

export type BankTransferInstructionsInput = {
  vendorName: string;
  customerName: string | null;
  productName: string;
  orderId: string;
  amountYen: number;
  dueOn: CalendarDate;
  payee: PayeeAccount;
  support: MailSupportContact;
};

export function bankTransferInstructionsMail(input: BankTransferInstructionsInput): MailText {
  const amount = formatYen(input.amountYen);
  const due = formatJapaneseDate(input.dueOn);
  return {
    subject: `【${input.productName}】基本使用サービス更新のお振込のご案内（注文番号 ${input.orderId}）`,
    text: lines(
      salutation(input.customerName),
      '',
      `このたびは「${input.productName}」の基本使用サービスの更新をお申し込みいただき、誠にありがとうございます。`,
      'お支払期限までに、下記の口座へご請求金額をお振込みください。',
      '',
      '■ ご注文内容',
      `注文番号：${input.orderId}`,
      `ご請求金額：${amount}（税込）`,
      `お支払期限：${due}`,
      '',
      '■ お振込先',
      `金融機関：${input.payee.bank}`,
      `支店：${input.payee.branch}`,
      `口座種別：${input.payee.accountType}`,
      `口座番号：${input.payee.accountNumber}`,
      `口座名義：${input.payee.holder}`,
      '',
      '■ ご注意ください',
      '・二重のお振込にご注意ください。このご注文へのお振込は1回のみです。お振込み済みの場合、このメールを再びお受け取りになっても、もう一度お振込みいただく必要はありません。',
      `・ご請求金額（${amount}）ちょうどをお振込みください。振込手数料はお客様のご負担となります。`,
      '・誤った金額をお振込みになった場合は、お手数ですが下記のサポートセンターへご連絡ください。',
      `・${due}までにご入金を確認できない場合、このご注文は失効します。`,
      '・ご入金を確認した後、基本使用サービスの期間が更新されます。確認には数営業日かかることがあります。',
      '',
      ...supportBlock(input.support),
      '',
      input.vendorName,
    ),
  };
}

export type RenewalReminderInput = {
  /** SPEC §3: on the 1st of the month before the end month (2 months before) and 20 days before the end. */
  variant: 'two-months' | 'twenty-days';
  vendorName: string;
  customerName: string | null;
  productName: string;
  licenseNumberMasked: string;
  termEnd: CalendarDate;
  /** The renewal web page (download edition); null when the renewal is made in the product (package edition). */
  renewalUrl: string | null;
  /** Subscriptions stop at the end of the term; perpetual licenses keep working without updates and support. */
  productStopsAtEnd: boolean;
  /** Annual licenses are not renewed, only bought again (seed 003). */
  repurchase?: boolean;
  /**
   * Seed 003: how many licenses of this product line the customer holds (this one included) when there are several;
   * the mail then says that they can be renewed together to one end date, and what an unrenewed one does to the others.
   */
  licensesInLine?: number;
  support: MailSupportContact;
};

export function renewalReminderMail(input: RenewalReminderInput): MailText {
  const end = formatJapaneseDate(input.termEnd);
  const subject =
    input.variant === 'two-months'
      ? `【${input.productName}】基本使用サービス更新のご案内（${end}終了）`
      : `【${input.productName}】基本使用サービスの終了が近づいています（${end}終了）`;
  const opening = input.repurchase
    ? ['引き続きご利用いただく場合は、ライセンスの再購入をご検討ください。']
    : input.variant === 'two-months'
      ? [
          'ただいま更新のお申し込みを受け付けております。引き続きアップデートとサポートをご利用いただくため、お早めのお手続きをお勧めします。',
        ]
      : ['終了日が近づいております。まだお手続きがお済みでない場合は、終了日までに更新のお申し込みをお願いいたします。'];
  const afterEnd = input.productStopsAtEnd
    ? '終了日を過ぎると、製品を起動できなくなります。'
    : '終了日を過ぎても製品はお使いいただけますが、アップデートの提供、サポート、オプション機能はご利用いただけなくなります。';
  const how = input.repurchase
    ? ['年間ライセンスは更新できません。継続してご利用の場合は、終了日までにライセンスを再購入してください。']
    : input.renewalUrl === null
      ? ['製品を起動し、［ヘルプ］→［バージョン情報］から更新のお手続きができます。']
      : ['下記の更新申込Webページからお手続きください。', input.renewalUrl];
  return {
    subject,
    text: lines(
      salutation(input.customerName),
      '',
      `いつも「${input.productName}」をご利用いただき、誠にありがとうございます。`,
      `ライセンス番号 ${input.licenseNumberMasked} の基本使用サービスは、${end}に終了します。`,
      ...opening,
      afterEnd,
      '',
      input.repurchase ? '■ 継続してご利用の場合' : '■ 更新のお手続き',
      ...how,
      '',
      ...(input.licensesInLine && input.licensesInLine > 1 && !input.repurchase
        ? [
            '■ 複数のライセンスをお持ちの場合',
            `この製品のライセンスを${input.licensesInLine}件お持ちです。サポート期間の異なるライセンスは、終了日をそろえてまとめて更新できます（製品の［ヘルプ］→［バージョン情報］からお手続きください）。`,
            'いずれかのライセンスのサポートが終了して更新されない場合、その翌日から他のライセンスのサポートは一時停止となります。',
            '',
          ]
        : []),
      '■ すでにお手続きがお済みの場合',
      '本メールと行き違いになりましたら、ご容赦ください。お支払い済みのご注文に重ねてお支払いいただく必要はありません。',
      'このメールの前後にお振込みいただいた場合など、ご不明な点はサポートセンターへお問い合わせください。',
      '',
      ...supportBlock(input.support),
      '',
      input.vendorName,
    ),
  };
}

function salutation(customerName: string | null): string {
  return customerName ? `${customerName} 様` : 'お客様各位';
}

function supportBlock(support: MailSupportContact): string[] {
  const hours = support.phoneHours.map((range) => `${clock(range.from)}〜${clock(range.to)}`).join('、');
  return [
    '■ お問い合わせ',
    `サポートセンター 電話：${support.phone}`,
    `受付時間：${hours}（土日祝日・弊社休業日を除く）`,
    ...(support.webFormUrl ? [`Webフォーム：${support.webFormUrl}（24時間受付）`] : []),
  ];
}

/** '09:30' → '9:30', as times are usually written in Japanese mail. */
function clock(value: string): string {
  return value.replace(/^0(\d)/, '$1');
}

function lines(...parts: string[]): string {
  return `${parts.join('\n')}\n`;
}
