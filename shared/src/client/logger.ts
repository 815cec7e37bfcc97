/**
 * Where the client core reports what it does. Messages are complete sentences that never hold a
 * full push token (callers mask it with `maskToken`), so any sink may persist them.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
