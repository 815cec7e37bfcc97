/** The user's login JWT, or undefined when nobody is logged in. Never a device identifier. */
export type UserJwtProvider = () => Promise<string | undefined>;

export interface ClientConfig {
  /** e.g. `https://push.example.com`; a trailing slash is ignored. */
  serverUrl: string;
  /** Sent as `X-App-Key`. */
  appKey: string;
  /** Set to bind tokens to the logged-in user (`Authorization: Bearer <JWT>` on uploads). */
  userJwt?: UserJwtProvider;
}
