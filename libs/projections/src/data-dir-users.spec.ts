import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, DataDirRegistration } from './data-dir-users.js';

describe('DataDirRegistration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'compact-in-use-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets several processes use a data directory, and a rebuild claim it only when it is alone', () => {
    const server = DataDirRegistration.register(dir);
    const cli = DataDirRegistration.register(dir);
    expect(() => cli.claimExclusive()).toThrow(DataDirInUseError);
    server.release();
    expect(() => cli.claimExclusive()).not.toThrow();
    cli.release();
    expect(readdirSync(join(dir, 'in-use'))).toEqual([]);
  });

  it('refuses to open a directory that is being rebuilt', () => {
    const cli = DataDirRegistration.register(dir);
    cli.claimExclusive();
    expect(() => DataDirRegistration.register(dir)).toThrow(`The read models in ${dir} are being rebuilt by pid ${process.pid}`);
    cli.release();
    expect(() => DataDirRegistration.register(dir).release()).not.toThrow();
  });

  it('ignores and clears the mark of a process that died; counts one from another host as live', () => {
    const cli = DataDirRegistration.register(dir);
    const dead = join(dir, 'in-use', '999999999-dead.json');
    writeFileSync(dead, JSON.stringify({ pid: 999_999_999, host: hostname(), command: 'node main.js', since: '2026-01-01T00:00:00Z', exclusive: false }));
    expect(cli.others()).toEqual([]);
    expect(readdirSync(join(dir, 'in-use'))).toHaveLength(1);
    const elsewhere = join(dir, 'in-use', '42-elsewhere.json');
    writeFileSync(elsewhere, JSON.stringify({ pid: 42, host: 'another-host', command: 'node main.js', since: '2026-01-01T00:00:00Z', exclusive: false }));
    expect(() => cli.claimExclusive()).toThrow(`pid 42 on host another-host (it cannot be checked from here; delete ${elsewhere} if it no longer runs)`);
    cli.release();
  });
});
