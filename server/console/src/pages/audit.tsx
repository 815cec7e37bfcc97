import { useState } from 'preact/hooks';
import { AuditAction, type AuditPage } from '@harmony-push/shared';
import { api, query } from '../api';
import { PagedTable } from '../components/paged';
import { when } from '../format';

const SEND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function Audit() {
  const [action, setAction] = useState('');
  return (
    <>
      <h1>Audit log</h1>
      <p class="muted">Every admin action, newest first. Keys are shown by their id: the first 8 hex digits of their SHA-256.</p>
      <div class="toolbar">
        <div class="field">
          <label for="audit-action">Action</label>
          <select id="audit-action" value={action} onChange={(event) => setAction((event.target as HTMLSelectElement).value)}>
            <option value="">any</option>
            {Object.values(AuditAction).map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      </div>
      <PagedTable
        load={(cursor) => api<AuditPage>('GET', `/audit${query({ action, limit: 100, cursor })}`)}
        deps={[action]}
        empty="No admin action recorded yet."
        columns={['When', 'Action', 'Admin key id', 'Subject']}
        row={(entry) => (
          <tr key={entry.id}>
            <td>{when(entry.at)}</td>
            <td>{entry.action}</td>
            <td>
              <code>{entry.adminKeyId}</code>
            </td>
            <td>{SEND_ID.test(entry.subject) ? <a href={`#/sends/${entry.subject}`}>{entry.subject}</a> : <code>{entry.subject}</code>}</td>
          </tr>
        )}
      />
    </>
  );
}
