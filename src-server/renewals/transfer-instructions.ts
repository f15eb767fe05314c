// Where bank transfers go.
export type PayeeAccount = { bank: string; branch: string; accountType: '普通' | '当座'; accountNumber: string; holder: string };

/** A fictional account for development and demos; a real deployment passes the vendor's own. */
export const PAYEE_ACCOUNT: PayeeAccount = {
  bank: 'さくら架空銀行（9999）',
  branch: '本店営業部（001）',
  accountType: '普通',
  accountNumber: '1234567',
  holder: 'カ）サクラソフトウエア',
};

/** The reference the customer writes as the transfer name, so the vendor can match the payment to the order. */
export function transferReference(orderId: string): string {
  return `R${orderId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
