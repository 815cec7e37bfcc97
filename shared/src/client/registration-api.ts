import { TokenRegistration } from '../contract/tokens';

/** The server's device API. Failures are `ClientError`s so the registrar can tell what to retry. */
export interface RegistrationApi {
  upload(registration: TokenRegistration): Promise<void>;
  unregister(token: string): Promise<void>;
  /** Logout: the token stays registered but no longer belongs to the user. */
  unbindUser(token: string): Promise<void>;
}
