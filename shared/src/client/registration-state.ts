export enum RegistrationPhase {
  IDLE = 'idle',
  REGISTERING = 'registering',
  REGISTERED = 'registered',
  FAILED = 'failed',
  UNREGISTERED = 'unregistered'
}

/** What the app shows about push registration; safe to display and log (the token is masked). */
export interface RegistrationState {
  phase: RegistrationPhase;
  maskedToken?: string;
  /** When the server last accepted the token (ms since epoch). */
  lastUploadAt?: number;
  /** Whether the user allows notifications, as the last registration read it; absent when unknown. */
  notificationsEnabled?: boolean;
  lastError?: string;
  lastErrorHint?: string;
}

export type RegistrationListener = (state: RegistrationState) => void;
