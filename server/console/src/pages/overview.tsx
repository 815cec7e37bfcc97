import { DEVICE_TYPES, TokenStatus, type OverviewResponse, type QuotaResponse } from '@harmony-push/shared';
import { api } from '../api';
import { Loaded, useAsync } from '../components/async';
import { FunnelChart } from '../components/funnel-chart';
import { when } from '../format';

const STATUSES = [TokenStatus.ACTIVE, TokenStatus.STALE, TokenStatus.INACTIVE, TokenStatus.DISABLED];

function Devices({ overview }: { overview: OverviewResponse }) {
  const cell = (deviceType: string, status: TokenStatus) =>
    overview.devices.find((row) => row.deviceType === deviceType && row.status === status);
  const types = DEVICE_TYPES.filter((type) => overview.devices.some((row) => row.deviceType === type));
  if (types.length === 0) return <p class="muted">No device has registered yet.</p>;
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Device type</th>
            {STATUSES.map((status) => (
              <th scope="col" key={status}>
                {status}
              </th>
            ))}
            <th scope="col">Notifications off</th>
          </tr>
        </thead>
        <tbody>
          {types.map((type) => (
            <tr key={type}>
              <th scope="row">
                <a href={`#/devices?deviceType=${type}`}>{type}</a>
              </th>
              {STATUSES.map((status) => (
                <td key={status}>{cell(type, status)?.count ?? 0}</td>
              ))}
              <td>{overview.devices.filter((row) => row.deviceType === type).reduce((sum, row) => sum + row.notificationsOff, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Health({ overview }: { overview: OverviewResponse }) {
  const health = overview.health;
  const quota = useAsync(() => api<QuotaResponse>('GET', '/quota'), []);
  return (
    <>
      <dl class="facts">
        <dt>Push Kit target</dt>
        <dd>
          {health.pushKitTarget === 'emulator' ? 'Local emulator' : 'Huawei'} <code>{health.pushKitBaseUrl}</code>
        </dd>
        <dt>Service account</dt>
        <dd>{health.serviceAccountLoaded ? `loaded (project ${health.projectId})` : 'none: the emulator’s development account'}</dd>
        <dt>Last JWT signing</dt>
        <dd>
          {when(health.lastJwtSigningAt)} ({health.jwtSignings} since start)
        </dd>
        <dt>Receipt endpoint</dt>
        <dd>{health.receiptEndpointConfigured ? 'configured' : 'not configured: deliveries stay “no receipt yet”'}</dd>
        <dt>Test messages left today</dt>
        <dd>
          <Loaded state={quota} feature="The test-message quota">
            {(data) => (
              <>
                {data.testMessages.limit - data.testMessages.used} of {data.testMessages.limit} ({data.testMessages.day})
              </>
            )}
          </Loaded>
        </dd>
      </dl>
      <h3>Last configuration errors</h3>
      {health.configurationErrors.length === 0 ? (
        <p class="muted">None: Push Kit accepted the app’s configuration on recent sends.</p>
      ) : (
        <ul class="problems">
          {health.configurationErrors.map((problem) => (
            <li key={`${problem.sendId}-${problem.reason}`}>
              <strong>{problem.reason}</strong> on <a href={`#/sends/${problem.sendId}`}>a send</a> ({problem.tokens} tokens,{' '}
              {when(problem.at)}): {problem.hint}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Overview() {
  const state = useAsync(() => api<OverviewResponse>('GET', '/overview'), []);
  return (
    <>
      <h1>Overview</h1>
      <Loaded state={state}>
        {(overview) => (
          <div class="grid">
            <section aria-labelledby="devices-heading">
              <h2 id="devices-heading">Registered devices</h2>
              <Devices overview={overview} />
            </section>
            <section aria-labelledby="sends-heading">
              <h2 id="sends-heading">Sends</h2>
              <dl class="figures">
                <div>
                  <dt>Last 24 h</dt>
                  <dd>
                    {overview.last24Hours.sends} sends, {overview.last24Hours.accepted} accepted
                  </dd>
                </div>
                <div>
                  <dt>Last 30 days</dt>
                  <dd>
                    {overview.last30Days.sends} sends, {overview.last30Days.accepted} accepted
                  </dd>
                </div>
              </dl>
            </section>
            <section aria-labelledby="funnel-heading" class="wide">
              <h2 id="funnel-heading">Delivery funnel by day</h2>
              <FunnelChart days={overview.funnel} />
            </section>
            <section aria-labelledby="health-heading" class="wide">
              <h2 id="health-heading">Configuration health</h2>
              <Health overview={overview} />
            </section>
          </div>
        )}
      </Loaded>
    </>
  );
}
