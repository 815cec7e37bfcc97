import { useEffect, useState } from 'preact/hooks';
import { SendState, type RevokeResponse, type SendHistoryPage, type SendResponse } from '@harmony-push/shared';
import { api, download, notAvailable, query } from '../api';
import { ErrorText, Loaded, useAsync } from '../components/async';
import { DeliveryBar, FunnelBar } from '../components/delivery-bar';
import { PagedTable } from '../components/paged';
import { deliveryText, pushTypeName, saveFile, when } from '../format';

const RUNNING = [SendState.QUEUED, SendState.SENDING];
/** How often a running send is read again. */
const POLL_MS = 1000;

export function Sends() {
  const [state, setState] = useState('');
  const [problem, setProblem] = useState<unknown>();
  const exportCsv = async () => {
    try {
      saveFile(await download(`/sends/export.csv${query({ state })}`), 'sends.csv');
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <>
      <h1>Sends</h1>
      <div class="toolbar">
        <div class="field">
          <label for="sends-state">State</label>
          <select id="sends-state" value={state} onChange={(event) => setState((event.target as HTMLSelectElement).value)}>
            <option value="">any</option>
            {Object.values(SendState).map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={exportCsv}>
          Export CSV
        </button>
        <a class="button" href="#/compose">
          Compose
        </a>
      </div>
      {problem ? <ErrorText error={problem} /> : null}
      <PagedTable
        load={(cursor) => api<SendHistoryPage>('GET', `/sends${query({ state, limit: 50, cursor })}`)}
        deps={[state]}
        empty="No sends yet."
        columns={[
          'Started', 'Push type', 'Audience', 'State', 'Requested', 'Accepted', 'Failed', 'Delivered', 'No receipt yet', 'Funnel'
        ]}
        row={(send) => (
          <tr key={send.sendId}>
            <td>
              <a href={`#/sends/${send.sendId}`}>{when(send.createdAt)}</a>
            </td>
            <td>{pushTypeName(send.pushType)}</td>
            <td>{send.audience}</td>
            <td>
              <span class={`status status-${send.state}`}>{send.state}</span>
              {RUNNING.includes(send.state) ? ` ${send.batchesDone}/${send.batchesTotal}` : ''}
            </td>
            <td>{send.requested}</td>
            <td>{send.accepted}</td>
            <td>{send.failed}</td>
            <td>{send.delivery.delivered}</td>
            <td>{send.delivery.pending}</td>
            <td class="funnel-cell">
              <FunnelBar delivery={send.delivery} />
            </td>
          </tr>
        )}
      />
    </>
  );
}

function Revoke({ send }: { send: SendResponse }) {
  const [answer, setAnswer] = useState<RevokeResponse>();
  const [problem, setProblem] = useState<unknown>();
  const revoke = async () => {
    if (!confirm('Revoke this message from every device it reached?')) return;
    try {
      setAnswer(await api<RevokeResponse>('POST', `/sends/${send.sendId}/revoke`));
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <>
      <button type="button" onClick={revoke}>
        Revoke
      </button>
      {answer ? (
        <p role="status">
          Revoked on {answer.revoked} tokens, failed on {answer.failed} (notifyId {answer.notifyId}).
        </p>
      ) : null}
      {problem ? notAvailable(problem) ? <p class="muted">Revoke: not available on this server yet.</p> : <ErrorText error={problem} /> : null}
    </>
  );
}

export function Send({ id }: { id: string }) {
  const state = useAsync(() => api<SendResponse>('GET', `/sends/${encodeURIComponent(id)}`), [id]);
  const [problem, setProblem] = useState<unknown>();
  const running = state.data !== undefined && RUNNING.includes(state.data.state);
  const pending = state.data !== undefined && state.data.delivery.pending > 0;
  // A running broadcast, and receipts still to come, are read again every second while the page is open.
  useEffect(() => {
    if (!running && !pending) return;
    const timer = setTimeout(state.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [state.data, running, pending]);
  const cancel = async () => {
    try {
      await api<SendResponse>('POST', `/sends/${id}/cancel`);
      state.reload();
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <>
      <p>
        <a href="#/sends">← Sends</a>
      </p>
      <Loaded state={state}>
        {(send) => (
          <>
            <h1>
              {pushTypeName(send.pushType)} send <code class="small">{send.sendId}</code>
            </h1>
            <p>
              State:{' '}
              <strong class={`status status-${send.state}`} data-testid="send-state">
                {send.state}
              </strong>{' '}
              · started {when(send.createdAt)}
              {send.completedAt ? ` · finished ${when(send.completedAt)}` : ''}
              {send.failureReason ? ` · ${send.failureReason}` : ''}
            </p>
            {send.batchesTotal > 0 || running ? (
              <p>
                <label for="send-progress">Batches {send.batchesDone} of {send.batchesTotal}</label>{' '}
                <progress id="send-progress" max={Math.max(send.batchesTotal, 1)} value={send.batchesDone} />
              </p>
            ) : null}
            <div class="toolbar">
              {running ? (
                <button type="button" onClick={cancel}>
                  Cancel send
                </button>
              ) : null}
              {send.notifyId !== undefined ? <Revoke send={send} /> : null}
            </div>
            {problem ? <ErrorText error={problem} /> : null}
            <section aria-labelledby="outcome-heading">
              <h2 id="outcome-heading">Outcome</h2>
              <dl class="inline">
                <dt>Requested</dt>
                <dd data-testid="requested">{send.requested}</dd>
                <dt>Failed</dt>
                <dd>{send.failed}</dd>
                <dt>Skipped</dt>
                <dd>{send.skipped}</dd>
                <dt>Unknown</dt>
                <dd>{send.unknown}</dd>
              </dl>
              <h3>Delivery</h3>
              <DeliveryBar accepted={send.accepted} delivery={send.delivery} />
              {send.testMessages ? (
                <p>
                  Test messages today: {send.testMessages.used} of {send.testMessages.limit}
                </p>
              ) : null}
            </section>
            {send.configurationErrors.length > 0 ? (
              <section aria-labelledby="config-heading">
                <h2 id="config-heading">Configuration errors</h2>
                <ul class="problems">
                  {send.configurationErrors.map((problem) => (
                    <li key={problem.reason}>
                      <strong>{problem.reason}</strong> ({problem.tokens} tokens): {problem.hint}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {send.warnings.length > 0 ? (
              <section aria-labelledby="warnings-heading">
                <h2 id="warnings-heading">Warnings</h2>
                <ul>
                  {send.warnings.map((warning) => (
                    <li key={warning.path}>
                      <code>{warning.path}</code>: {warning.message}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {send.results.length > 0 ? (
              <section aria-labelledby="results-heading">
                <h2 id="results-heading">Per token</h2>
                <div class="scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Token (masked)</th>
                        <th scope="col">Result</th>
                        <th scope="col">Receipt</th>
                      </tr>
                    </thead>
                    <tbody>
                      {send.results.map((result, i) => (
                        <tr key={i}>
                          <td>
                            <code>{result.token}</code>
                          </td>
                          <td>
                            {result.status}
                            {result.reason ? ` (${result.reason})` : ''}
                          </td>
                          <td>{deliveryText(result.delivery)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            ) : send.detailsPrunedAt ? (
              <section aria-labelledby="results-heading">
                <h2 id="results-heading">Per token</h2>
                <p class="muted" data-testid="details-pruned">
                  Per-token results, Push Kit request reports and receipts were pruned on {when(send.detailsPrunedAt)},
                  SEND_RETENTION_DAYS after the send finished; the counts above are kept.
                </p>
              </section>
            ) : null}
            {send.batches.length > 0 ? (
              <details>
                <summary>Push Kit requests ({send.batches.length})</summary>
                <div class="scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">requestId</th>
                        <th scope="col">Code</th>
                        <th scope="col">Message</th>
                        <th scope="col">Tokens</th>
                        <th scope="col">Attempts</th>
                      </tr>
                    </thead>
                    <tbody>
                      {send.batches.map((batch, i) => (
                        <tr key={i}>
                          <td>
                            <code>{batch.requestId}</code>
                          </td>
                          <td>{batch.code}</td>
                          <td>{batch.msg}</td>
                          <td>{batch.tokens}</td>
                          <td>{batch.attempts}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            ) : null}
          </>
        )}
      </Loaded>
    </>
  );
}
