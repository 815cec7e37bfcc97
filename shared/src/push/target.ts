/** Who a Push Kit request goes to: push tokens only (v3 has no topics or conditions). */
export interface Target {
  token: string[];
}
