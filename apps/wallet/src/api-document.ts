import type { ApiDocumentOptions } from '#platform';
import { WALLET_PORT } from './wallet.config.js';

/** The servers and tags of the wallet's OpenAPI document. */
export const apiDocument: ApiDocumentOptions = {
  developmentPort: WALLET_PORT,
  tags: {
    wallets: 'MegaPay wallets: opening, the wallet panel (balance, month turnover and limit), top-ups and the history.',
    favorites: 'Payment templates a subscriber saved: a service, an account and perhaps an amount.',
    autopayments: 'Favorites paid on a monthly or weekly schedule, with each run.',
    notifications: 'What the subscriber was told: payment outcomes, autopayment reminders and failures.',
  },
};
