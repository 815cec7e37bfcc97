/** Push Kit as the registrar needs it. Implementations turn platform failures into `PushKitError`. */
export interface TokenSource {
  getToken(): Promise<string>;
  deleteToken(): Promise<void>;
}
