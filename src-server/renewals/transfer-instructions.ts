// Where bank transfers go. Fictional account, clearly marked as such; a deployment sets its own.
export const PAYEE_ACCOUNT = {
  bankName: 'さくら銀行（架空）',
  branchName: '本店営業部',
  accountType: '普通',
  accountNumber: '1234567',
  accountHolder: 'カ）サクラジョウホウシステム',
} as const;

/** The reference the customer writes as the transfer name, so the vendor can match the payment to the order. */
export function transferReference(orderId: string): string {
  return `R${orderId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
