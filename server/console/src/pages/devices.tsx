import { useState } from 'preact/hooks';
import { DEVICE_TYPES, TokenStatus, type DeviceDetail, type TokenPage, type TokenSummary } from '@harmony-push/shared';
import { api, query } from '../api';
import { ErrorText, Loaded, useAsync } from '../components/async';
import { PagedTable } from '../components/paged';
import { deliveryText, pushTypeName, when } from '../format';

interface Filters {
  status: string;
  deviceType: string;
  userId: string;
  notificationsEnabled: string;
  tokenSuffix: string;
}

function Select({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: string[]; onChange: (value: string) => void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
        <option value="">any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Devices({ params }: { params: URLSearchParams }) {
  const [filters, setFilters] = useState<Filters>({
    status: params.get('status') ?? '',
    deviceType: params.get('deviceType') ?? '',
    userId: '',
    notificationsEnabled: '',
    tokenSuffix: ''
  });
  const [applied, setApplied] = useState(filters);
  const set = (name: keyof Filters) => (value: string) => setFilters({ ...filters, [name]: value });
  return (
    <>
      <h1>Devices</h1>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(filters);
        }}
      >
        <Select id="filter-status" label="Status" value={filters.status} options={Object.values(TokenStatus)} onChange={set('status')} />
        <Select id="filter-type" label="Device type" value={filters.deviceType} options={DEVICE_TYPES} onChange={set('deviceType')} />
        <Select
          id="filter-notifications"
          label="Notifications allowed"
          value={filters.notificationsEnabled}
          options={['true', 'false']}
          onChange={set('notificationsEnabled')}
        />
        <div class="field">
          <label for="filter-user">User id</label>
          <input id="filter-user" value={filters.userId} onInput={(event) => set('userId')((event.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="filter-suffix">Token ends with</label>
          <input
            id="filter-suffix"
            minLength={4}
            placeholder="last 4+ characters"
            value={filters.tokenSuffix}
            onInput={(event) => set('tokenSuffix')((event.target as HTMLInputElement).value)}
          />
        </div>
        <button type="submit">Filter</button>
      </form>
      <PagedTable
        load={(cursor) => api<TokenPage>('GET', `/tokens${query({ ...applied, cursor, limit: 50 })}`)}
        deps={[applied]}
        empty="No device matches."
        columns={['Token (masked)', 'Type', 'Status', 'Notifications', 'User', 'Last seen']}
        row={(device) => (
          <tr key={device.id}>
            <td>
              <a href={`#/devices/${device.id}`}>
                <code>{device.token}</code>
              </a>
              {device.testDevice ? <span class="tag">test device</span> : null}
            </td>
            <td>{device.deviceType}</td>
            <td>
              <span class={`status status-${device.status}`}>{device.status}</span>
            </td>
            <td>{device.notificationsEnabled === undefined ? 'unknown' : device.notificationsEnabled ? 'on' : 'off'}</td>
            <td>{device.userId ?? '—'}</td>
            <td>{when(device.lastSeenAt)}</td>
          </tr>
        )}
      />
    </>
  );
}

/**
 * Whether the device is a test device (sends to `target: { testDevices: true }` reach it, as test messages), and the
 * button that changes it. The console only knows the token masked, so it names the device by its id.
 */
function TestDevice({ device }: { device: TokenSummary }) {
  const [marked, setMarked] = useState(device.testDevice);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const toggle = async () => {
    // Not `disabled` while busy: that would drop the keyboard focus.
    if (busy) return;
    setBusy(true);
    try {
      const answer = await api<TokenSummary>(marked ? 'DELETE' : 'PUT', `/tokens/by-id/${encodeURIComponent(device.id)}/test-device`);
      setMarked(answer.testDevice);
      setProblem(undefined);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <span role="status" data-testid="test-device">
        {marked ? 'yes' : 'no'}
      </span>
      <button type="button" onClick={toggle} aria-busy={busy}>
        {marked ? 'Unmark as test device' : 'Mark as test device'}
      </button>
      {problem ? <ErrorText error={problem} /> : null}
    </>
  );
}

export function Device({ id }: { id: string }) {
  const state = useAsync(() => api<DeviceDetail>('GET', `/tokens/${encodeURIComponent(id)}`), [id]);
  return (
    <>
      <p>
        <a href="#/devices">← Devices</a>
      </p>
      <Loaded state={state}>
        {({ device, sends }) => (
          <>
            <h1>
              Device <code>{device.token}</code>
            </h1>
            <section aria-labelledby="registration-heading">
              <h2 id="registration-heading">Registration</h2>
              <dl class="facts">
                <dt>Status</dt>
                <dd>
                  <span class={`status status-${device.status}`}>{device.status}</span>
                  {device.disabledReason ? ` (${device.disabledReason}, ${when(device.disabledAt)})` : ''}
                </dd>
                <dt>Device type</dt>
                <dd>{device.deviceType}</dd>
                <dt>Notifications</dt>
                <dd>{device.notificationsEnabled === undefined ? 'unknown' : device.notificationsEnabled ? 'allowed' : 'off'}</dd>
                <dt>User</dt>
                <dd>{device.userId ?? 'not bound'}</dd>
                <dt>Test device</dt>
                <dd>
                  <TestDevice device={device} />
                </dd>
                <dt>OS API version / app version</dt>
                <dd>
                  {device.osApiVersion ?? '—'} / {device.appVersion ?? '—'}
                </dd>
                <dt>Registered</dt>
                <dd>{when(device.createdAt)}</dd>
                <dt>Last seen</dt>
                <dd>{when(device.lastSeenAt)}</dd>
                <dt>Last delivered</dt>
                <dd>{when(device.lastDeliveredAt)}</dd>
              </dl>
            </section>
            <section aria-labelledby="device-sends-heading">
              <h2 id="device-sends-heading">Sends that named it</h2>
              {sends.length === 0 ? (
                <p class="muted">
                  None recorded: broadcasts keep counts, not per-token results, and sends that finished more than
                  SEND_RETENTION_DAYS ago are no longer listed, their per-token results pruned.
                </p>
              ) : (
                <div class="scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Push type</th>
                        <th scope="col">Result</th>
                        <th scope="col">Receipt</th>
                      </tr>
                    </thead>
                    <tbody>
                      {sends.map((send) => (
                        <tr key={send.sendId}>
                          <td>
                            <a href={`#/sends/${send.sendId}`}>{when(send.createdAt)}</a>
                          </td>
                          <td>{pushTypeName(send.pushType)}</td>
                          <td>
                            {send.status}
                            {send.reason ? ` (${send.reason})` : ''}
                          </td>
                          <td>{deliveryText(send.delivery)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        )}
      </Loaded>
    </>
  );
}
