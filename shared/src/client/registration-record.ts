import { KeyValueStore } from './key-value-store';

/** What the registrar remembers between starts, kept as one JSON value so every change is atomic. */
export interface RegistrationRecord {
  /** The token the server last accepted. */
  token?: string;
  /** When it accepted it (ms since epoch). */
  uploadedAt?: number;
  /** The device profile that went with it, as `profileKey()` renders it. */
  profile?: string;
  /** Tokens deleted at Push Kit whose `DELETE /tokens` has not succeeded yet. */
  pendingRemovals: string[];
}

export const RECORD_KEY = 'harmony-push.registration';

function isStringArray(value: string[]): boolean {
  return Array.isArray(value) && value.every((item: string) => typeof item === 'string');
}

/**
 * A stored record that cannot be read is treated as none: the worst outcome is one extra upload,
 * which the server absorbs (registration is idempotent).
 */
function parseRecord(text: string): RegistrationRecord {
  const empty: RegistrationRecord = { pendingRemovals: [] };
  try {
    const parsed = JSON.parse(text) as RegistrationRecord;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,BlockStatement: without it null throws into the catch and a scalar has no fields: the same empty record
    if (parsed === null || typeof parsed !== 'object') {
      return empty;
    }
    const record: RegistrationRecord = {
      pendingRemovals: isStringArray(parsed.pendingRemovals) ? parsed.pendingRemovals : []
    };
    if (typeof parsed.token === 'string' && typeof parsed.uploadedAt === 'number') {
      record.token = parsed.token;
      record.uploadedAt = parsed.uploadedAt;
      record.profile = typeof parsed.profile === 'string' ? parsed.profile : undefined;
    }
    return record;
  } catch (e) {
    return empty;
  }
}

export class RegistrationRecords {
  private readonly store: KeyValueStore;

  constructor(store: KeyValueStore) {
    this.store = store;
  }

  async load(): Promise<RegistrationRecord> {
    const text = await this.store.get(RECORD_KEY);
    // Stryker disable next-line ConditionalExpression,BlockStatement: without it JSON.parse(undefined) throws into parseRecord's catch: the same empty record
    if (text === undefined) {
      const none: RegistrationRecord = { pendingRemovals: [] };
      return none;
    }
    return parseRecord(text);
  }

  async save(record: RegistrationRecord): Promise<void> {
    await this.store.set(RECORD_KEY, JSON.stringify(record));
  }
}
