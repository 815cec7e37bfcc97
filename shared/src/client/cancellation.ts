import { CancelledError } from './errors';

export type CancelListener = () => void;
export type Unsubscribe = () => void;

/**
 * Stops pending retries when the owner goes away (the ability is destroyed). Shared runtimes
 * differ in AbortController support, so the client carries its own minimal version.
 */
export class Cancellation {
  private cancelled: boolean = false;
  private listeners: CancelListener[] = [];

  cancel(): void {
    // Stryker disable next-line ConditionalExpression,BlockStatement: a second cancel() finds the list emptied: it notifies no one either way
    if (this.cancelled) {
      return;
    }
    this.cancelled = true;
    const listeners = this.listeners;
    // Stryker disable next-line ArrayDeclaration: once cancelled, the list is never run again (onCancel no longer adds to it)
    this.listeners = [];
    listeners.forEach((listener: CancelListener) => listener());
  }

  isCancelled(): boolean {
    return this.cancelled;
  }

  throwIfCancelled(): void {
    if (this.cancelled) {
      throw new CancelledError();
    }
  }

  /** Runs `listener` once on cancel (at once if already cancelled); unsubscribe when no longer waiting. */
  onCancel(listener: CancelListener): Unsubscribe {
    if (this.cancelled) {
      listener();
      return (): void => {};
    }
    this.listeners.push(listener);
    return (): void => {
      this.listeners = this.listeners.filter((candidate: CancelListener) => candidate !== listener);
    };
  }
}
