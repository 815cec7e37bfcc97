/** How one doctor check came out: `skip` when what it needs (the configuration, a key) is missing. */
export enum CheckStatus {
  OK = 'ok',
  WARN = 'warn',
  FAIL = 'fail',
  SKIP = 'skip'
}

/** One line of `doctor`: what was checked, what was found, and for warn and fail how to fix it. */
export interface CheckResult {
  check: string;
  status: CheckStatus;
  message: string;
  fix?: string;
}

export const ok = (check: string, message: string): CheckResult => ({ check, status: CheckStatus.OK, message });
export const warn = (check: string, message: string, fix: string): CheckResult => ({ check, status: CheckStatus.WARN, message, fix });
export const fail = (check: string, message: string, fix: string): CheckResult => ({ check, status: CheckStatus.FAIL, message, fix });
export const skip = (check: string, message: string): CheckResult => ({ check, status: CheckStatus.SKIP, message });
