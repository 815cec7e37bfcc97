import { useState } from 'preact/hooks';
import { adminKey, checkKey } from '../api';

/** Signs in with an admin key: checked against the server, then kept in this tab's sessionStorage. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const refused = await checkKey(key.trim());
      if (refused) {
        setProblem(refused);
        return;
      }
      adminKey.set(key.trim());
      onSignedIn();
    } catch (error) {
      setProblem(`The server could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>harmony-push console</h1>
      <form onSubmit={submit}>
        <label for="admin-key">Admin key</label>
        <input
          id="admin-key"
          type="password"
          autocomplete="current-password"
          required
          value={key}
          aria-describedby={problem ? 'sign-in-problem' : 'sign-in-hint'}
          onInput={(event) => setKey((event.target as HTMLInputElement).value)}
        />
        <small id="sign-in-hint" class="hint">
          One of ADMIN_KEYS; with none configured, <code>npm start</code> prints a development key. It is kept for this tab only.
        </small>
        {problem ? (
          <p id="sign-in-problem" class="error" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
