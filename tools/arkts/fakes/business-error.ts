/** How the kits fail: an Error carrying a numeric `code` (@ohos.base BusinessError). */
export function businessError(code: number, message: string): Error & { code: number } {
  return Object.assign(new Error(message), { name: 'BusinessError', code });
}
