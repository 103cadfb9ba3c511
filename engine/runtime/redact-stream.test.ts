import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sensitiveEnv, streamRedactor } from './redact-stream.js';

/** Feeds `chunks` and returns what would be stored, chunk by chunk (flush last). */
function feed(secrets: Record<string, string>, chunks: string[]): string[] {
  const r = streamRedactor(secrets);
  return [...chunks.map((c) => r.push(c)), r.flush()];
}

describe('streamRedactor', () => {
  it('redacts a secret printed across two chunks, which neither half shows (issue #11 item 5)', () => {
    const stored = feed({ API_TOKEN: 'tok-4f9a2b7c' }, ['auth with tok-4f9', 'a2b7c done\n']);
    expect(stored.join('')).toBe('auth with ***API_TOKEN*** done\n');
    expect(stored[0]).toBe('auth with '); // the possible start is held back…
    expect(stored.some((s) => s.includes('tok-4f9'))).toBe(false); // …so no half is stored in clear
  });

  it('releases a held start that turned out not to be a secret, at the next chunk or at flush', () => {
    expect(feed({ T: 'secret-value' }, ['a secr', 'et of mine'])).toEqual(['a ', 'secret of mine', '']);
    expect(feed({ T: 'secret-value' }, ['ends with secr'])).toEqual(['ends with ', 'secr']);
  });

  it('keeps passing chunks through, redacted, after flush', () => {
    const r = streamRedactor({ T: 'secret-value' });
    r.flush();
    expect(r.push('late secret-value and secr')).toBe('late ***T*** and secr');
  });

  it('joined, equals the stream redacted at once, and no stored chunk holds a secret, however it is cut', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'd', 'x', '\n', 'é');
    const secret = fc.array(alphabet, { minLength: 4, maxLength: 9 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(secret, { minLength: 1, maxLength: 4 }),
        fc.array(alphabet, { maxLength: 120 }).map((a) => a.join('')),
        fc.array(fc.nat(120), { maxLength: 12 }),
        (values, body, cuts) => {
          const secrets = Object.fromEntries(values.map((v, i) => [`S${i}`, v]));
          // Put the secrets into the stream so matches are common.
          const stream = values.reduce((acc, v, i) => acc.slice(0, (i * 17) % (acc.length + 1)) + v + acc.slice((i * 17) % (acc.length + 1)), body);
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((p, i, all) => stream.slice(p, all[i + 1] ?? stream.length));
          const stored = feed(secrets, chunks);
          expect(stored.join('')).toBe(feed(secrets, [stream]).join(''));
          for (const piece of stored) for (const v of values) expect(piece.includes(v)).toBe(false);
        },
      ),
      { seed: 20261205, numRuns: 2000 },
    );
  });
});

describe('sensitiveEnv', () => {
  it('takes variables named like tokens, secrets, passwords, keys and credentials, with real-length values', () => {
    const env = {
      GITHUB_TOKEN: 'ghp_abcdefgh12345',
      db_password: 'hunter22hunter',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
      GOOGLE_APPLICATION_CREDENTIALS: '/home/me/key.json',
      API_KEY: 'short',
      USE_KEYRING: 'true',
      HOME: '/home/me',
      PATH: '/usr/bin:/bin',
      UNSET_TOKEN: undefined,
    };
    expect(sensitiveEnv(env)).toEqual({
      GITHUB_TOKEN: 'ghp_abcdefgh12345',
      db_password: 'hunter22hunter',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
      GOOGLE_APPLICATION_CREDENTIALS: '/home/me/key.json',
    });
  });
});
