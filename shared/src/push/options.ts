export enum BackgroundMode {
  DEFAULT = 0,
  /** IM background message: needs a special right, else treated as DEFAULT. */
  IM = 1
}

/** `pushOptions`, all optional. */
export interface PushOptions {
  /** Test messages: at most 10 tokens a request (card updates: 1), 1000 a project a day. */
  testMessage?: boolean;
  /** Offline cache time in seconds: default 86400, at most 1296000. */
  ttl?: number;
  /** At most 64 bytes; comes back in delivery receipts. */
  biTag?: string;
  /** Picks a receipt configuration defined in AppGallery Connect. */
  receiptId?: string;
  /** -1 (cache every offline message) or a group 0..100 keeping only the newest; push-types 0 and 2 only. */
  collapseKey?: number;
  /** Push-type 6 only. */
  backgroundMode?: BackgroundMode;
}
