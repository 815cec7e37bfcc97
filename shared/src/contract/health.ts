export interface HealthStatus {
  status: string;
}
