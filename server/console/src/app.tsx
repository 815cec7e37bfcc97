import { useEffect, useState } from 'preact/hooks';
import { adminKey, whenUnauthorized } from './api';
import { Audit } from './pages/audit';
import { Compose } from './pages/compose';
import { Device, Devices } from './pages/devices';
import { Overview } from './pages/overview';
import { Send, Sends } from './pages/sends';
import { SignIn } from './pages/sign-in';

const PAGES = [
  { path: 'overview', label: 'Overview' },
  { path: 'devices', label: 'Devices' },
  { path: 'compose', label: 'Compose' },
  { path: 'sends', label: 'Sends' },
  { path: 'audit', label: 'Audit log' }
];

/** Pages live in the URL's fragment (#/sends/…): the server serves one file, and links work with the keyboard. */
function parseHash(): { parts: string[]; params: URLSearchParams } {
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  return { parts: path.split('/').filter((part) => part.length > 0), params: new URLSearchParams(search ?? '') };
}

function Page({ parts, params }: { parts: string[]; params: URLSearchParams }) {
  const [page, id] = parts;
  switch (page) {
    case 'devices':
      return id ? <Device id={id} /> : <Devices params={params} />;
    case 'compose':
      return <Compose />;
    case 'sends':
      return id ? <Send id={id} /> : <Sends />;
    case 'audit':
      return <Audit />;
    default:
      return <Overview />;
  }
}

export function App() {
  const [signedIn, setSignedIn] = useState(adminKey.get() !== null);
  const [route, setRoute] = useState(parseHash());
  useEffect(() => {
    const changed = () => setRoute(parseHash());
    window.addEventListener('hashchange', changed);
    whenUnauthorized(() => {
      adminKey.clear();
      setSignedIn(false);
    });
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  useEffect(() => {
    // Moves focus to the new page, so keyboard and screen-reader users start there rather than in the menu.
    if (location.hash !== '') document.getElementById('main')?.focus();
  }, [route]);
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const current = route.parts[0] ?? 'overview';
  return (
    <>
      <a class="skip" href="#main" onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Skip to content
      </a>
      <header class="top">
        <strong class="brand">harmony-push</strong>
        <nav aria-label="Console">
          <ul>
            {PAGES.map((page) => (
              <li key={page.path}>
                <a href={`#/${page.path}`} aria-current={current === page.path ? 'page' : undefined}>
                  {page.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          class="sign-out"
          onClick={() => {
            adminKey.clear();
            setSignedIn(false);
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page key={location.hash} parts={route.parts} params={route.params} />
      </main>
    </>
  );
}
