import type { JsonObject } from './schema-form';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** An alert as a phone's notification shade would show it (title, body, the big text or inbox lines, badge). */
export function AlertPreview({ payload }: { payload: JsonObject | undefined }) {
  const notification = (payload?.notification ?? {}) as JsonObject;
  const style = notification.style;
  const title = (style === 1 && text(notification.bigTitle)) || text(notification.title) || 'Title';
  const body = (style === 1 && text(notification.bigBody)) || text(notification.body) || 'Body';
  const inbox = style === 3 && Array.isArray(notification.inboxContent) ? notification.inboxContent.map(String) : undefined;
  const badge = (notification.badge as JsonObject | undefined)?.addNum ?? (notification.badge as JsonObject | undefined)?.setNum;
  return (
    <figure class="phone" aria-label="Preview on a phone">
      <div class="phone-screen">
        <div class="phone-bar">
          <span>9:41</span>
          <span aria-hidden="true">▮▮▮</span>
        </div>
        <div class="notification">
          <div class="notification-head">
            <span class="app-icon" aria-hidden="true">
              {badge !== undefined ? <span class="badge">{String(badge)}</span> : null}
            </span>
            <span>Your app · {text(notification.category) ?? 'category'} · now</span>
          </div>
          <strong class="notification-title">{title}</strong>
          {inbox ? (
            <ul class="notification-inbox">
              {inbox.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : (
            <p class="notification-body">{body}</p>
          )}
          {text(notification.image) ? <p class="muted small">image: {text(notification.image)}</p> : null}
        </div>
      </div>
      <figcaption class="muted small">How the alert shows on a phone (approximate).</figcaption>
    </figure>
  );
}
