import type { ReceiptCallback, ReceiptStatus } from '@harmony-push/shared';
import type { ReceiptPost } from '../../src/emulator/receipts';

export interface CollectedCallback {
  headers: Record<string, string>;
  body: ReceiptCallback;
}

export interface ReceiptCollector {
  post: ReceiptPost;
  callbacks: CollectedCallback[];
  statuses(): ReceiptStatus[];
}

/** A receipt URL in memory: keeps every callback the emulator posts and answers 200. */
export function collectReceipts(): ReceiptCollector {
  const callbacks: CollectedCallback[] = [];
  return {
    callbacks,
    post: async (body, headers) => {
      callbacks.push({ headers, body: JSON.parse(body) as ReceiptCallback });
      return 200;
    },
    statuses: () => callbacks.flatMap((callback) => callback.body.statuses)
  };
}
