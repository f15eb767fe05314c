// SANDBOX payment provider: no real money moves and no card data leaves this process. It stands where a real
// payment service provider's API would be called; test numbers decide the outcome, as real PSP sandboxes do.
export const SANDBOX_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
} as const;

export type CardCheck = { ok: true; last4: string } | { ok: false; code: 'card-invalid' };

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Checks the number (Luhn) and that the card has not expired by `today` (JST 'YYYY-MM-DD'). */
export function checkCard(card: { number: string; expiry: string }, today: string): CardCheck {
  const digits = card.number.replace(/\s/g, '');
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) return { ok: false, code: 'card-invalid' };
  const [mm, yy] = card.expiry.split('/');
  const expiresAfter = `20${yy}-${mm}`;
  if (expiresAfter < today.slice(0, 7)) return { ok: false, code: 'card-invalid' };
  return { ok: true, last4: digits.slice(-4) };
}

/** The sandbox's decision: only the documented test number that declines is declined. */
export function sandboxCharge(cardNumber: string): 'succeeded' | 'declined' {
  return cardNumber.replace(/\s/g, '') === SANDBOX_CARDS.declined ? 'declined' : 'succeeded';
}
