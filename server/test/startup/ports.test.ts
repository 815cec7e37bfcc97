import { chmod, readFile } from 'node:fs/promises';
import t from 'tap';
import { databaseFor } from '../helpers/database';
import { assertStartupFailure, occupyPort, run, serverEnv, startServer, stop, unprivileged } from '../helpers/processes';

// A taken port stays an error (other processes rely on the configured ports), told in words: the port, the variable.
t.setTimeout(300_000);

t.test('EMULATOR_PORT taken: the port, the variable, and a hint', async (t) => {
  const db = await databaseFor(t);
  const held = await occupyPort();
  t.teardown(() => held.close());
  const server = run('server', serverEnv(db, { EMULATOR_PORT: String(held.port) }));
  await assertStartupFailure(t, server, [
    `EMULATOR_PORT=${held.port}: port ${held.port} on 127.0.0.1 is already in use by another process.`,
    'Stop that process, or set EMULATOR_PORT to a free port (and give npm run worker the same EMULATOR_PORT).'
  ]);
});

t.test('PORT taken: the server stops its emulator and database, then says which port', async (t) => {
  const db = await databaseFor(t);
  const held = await occupyPort();
  t.teardown(() => held.close());
  const server = run('server', serverEnv(db, { PORT: String(held.port) }));
  await assertStartupFailure(t, server, [
    `PORT=${held.port}: port ${held.port} on 127.0.0.1 is already in use by another process.`,
    'Stop that process, or set PORT to a free port.'
  ]);
  t.match(server.stdout(), /Push Kit emulator stopped/, 'the emulator it had started was closed');
  const again = await startServer(serverEnv(db));
  t.teardown(() => stop(again));
  t.pass('nothing was left half-started: the next start on the same DATA_DIR works');
});

t.test('npm run emulator with EMULATOR_PORT taken', async (t) => {
  const db = await databaseFor(t);
  const held = await occupyPort();
  t.teardown(() => held.close());
  const emulator = run('emulator', { DATA_DIR: db.dataDir, EMULATOR_PORT: String(held.port) });
  await assertStartupFailure(t, emulator, [
    `EMULATOR_PORT=${held.port}: port ${held.port} on 127.0.0.1 is already in use by another process.`,
    'Stop that process, or set EMULATOR_PORT to a free port (and give npm run worker the same EMULATOR_PORT).'
  ]);
});

/** Linux lets anyone listen from this port up (1024 unless an administrator lowered it). */
const unprivilegedPortStart = Number(
  await readFile('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8').catch(() => '1024')
);

t.test('PORT below 1024 without the privilege', { skip: unprivilegedPortStart <= 80 && 'this machine lets anyone listen on port 80' }, async (t) => {
  // The server may run as another user (below), who makes its own embedded cluster; only the port may stop it.
  const db = await databaseFor(t, { emptyDataDir: true });
  await chmod(db.dataDir, 0o777);
  const { options } = unprivileged();
  const server = run('server', serverEnv(db, { PORT: '80' }), options);
  await assertStartupFailure(t, server, ['PORT=80: this user may not listen on port 80 (ports below 1024 need privileges).', 'Set PORT to a port from 1024 up.']);
});
