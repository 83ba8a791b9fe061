import { readFileSync } from 'node:fs';
import semver from 'semver';

/* `engines.node` tells the truth: every Node it admits is one every installed package declares it runs on. */

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  /** As the package's own package.json has it: an object, or (in a few old packages) an array of strings. */
  readonly engines?: Readonly<Record<string, string>> | readonly string[];
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8')) as T;
const manifest = readJson<{ engines: { node: string } }>('package.json');
const lock = readJson<{ packages: Readonly<Record<string, LockEntry>> }>('package-lock.json');
const declared = manifest.engines.node;

const nodeRangeOf = (entry: LockEntry): string | undefined => (Array.isArray(entry.engines) ? undefined : (entry.engines as Record<string, string> | undefined)?.node);

describe('the Node versions package.json declares', () => {
  it('is a valid range, and the one package-lock.json records for the project', () => {
    expect(semver.validRange(declared)).not.toBeNull();
    expect(nodeRangeOf(lock.packages[''] ?? {})).toBe(declared);
  });

  it('takes in the Node running these tests', () => {
    expect({ node: process.version, within: semver.satisfies(process.version, declared) }).toEqual({ node: process.version, within: true });
  });

  it('lies within what every package in package-lock.json declares, dev tools included', () => {
    const excluding = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const range = nodeRangeOf(entry);
        return range === undefined || semver.subset(declared, range) ? [] : [`${path.replace(/^.*node_modules\//, '')}@${entry.version ?? '?'} wants node ${range}`];
      });
    expect(excluding).toEqual([]);
  });
});
