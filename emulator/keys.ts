import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { JWK } from 'stytch';
import { z } from 'zod';
import { newId } from './ids';
import { createSelfSignedCertificate } from './x509';

const KEY_FILE = 'signing-key.json';
const CERTIFICATE_YEARS = 10;
const generateKeyPairAsync = promisify(generateKeyPair);

const storedKeySchema = z.object({
  kid: z.string().min(1),
  private_key_pem: z.string().min(1),
  certificate_der_base64: z.string().min(1),
});
type StoredKey = z.infer<typeof storedKeySchema>;

export type SigningKey = {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public half as the JWKS route publishes it. */
  jwk: JWK;
};

/**
 * The key survives restarts because a warm app caches the JWKS for 10 minutes: a new key would push every JWT
 * check to the remote fallback.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const file = join(dataDir, KEY_FILE);
  const stored = (await readStoredKey(file)) ?? (await createStoredKey(dataDir, file));
  return toSigningKey(stored, file);
}

async function readStoredKey(file: string): Promise<StoredKey | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = storedKeySchema.safeParse(parseJson(text));
  if (!parsed.success) throw corruptKeyFile(file);
  return parsed.data;
}

async function createStoredKey(dataDir: string, file: string): Promise<StoredKey> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  const kid = newId('jwk');
  const notBefore = new Date();
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERTIFICATE_YEARS);
  const certificate = createSelfSignedCertificate({
    publicKey,
    privateKey,
    commonName: `Stytch emulator ${kid}`,
    notBefore,
    notAfter,
  });
  const stored: StoredKey = {
    kid,
    private_key_pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificate_der_base64: certificate.toString('base64'),
  };

  await mkdir(dataDir, { recursive: true });
  // Write aside, then link into place: link() refuses to overwrite, so when two emulators start on one folder the
  // first key wins and both end up using it.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(temp, file);
    return stored;
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    const winner = await readStoredKey(file);
    if (!winner) throw corruptKeyFile(file);
    return winner;
  } finally {
    await unlink(temp);
  }
}

function toSigningKey(stored: StoredKey, file: string): SigningKey {
  const privateKey = createPrivateKey(stored.private_key_pem);
  const publicKey = createPublicKey(privateKey);
  const certificateDer = Buffer.from(stored.certificate_der_base64, 'base64');
  if (!new X509Certificate(certificateDer).publicKey.equals(publicKey)) throw corruptKeyFile(file);
  const { n, e } = publicKey.export({ format: 'jwk' });
  if (!n || !e) throw corruptKeyFile(file);
  return {
    kid: stored.kid,
    privateKey,
    publicKey,
    jwk: {
      kty: 'RSA',
      use: 'sig',
      key_ops: ['verify'],
      alg: 'RS256',
      kid: stored.kid,
      x5c: [stored.certificate_der_base64],
      x5tS256: createHash('sha256').update(certificateDer).digest('base64url'),
      n,
      e,
    },
  };
}

function corruptKeyFile(file: string): Error {
  return new Error(`${file} is not a usable emulator signing key. Delete it to generate a new one.`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorCode(error: unknown): unknown {
  return error instanceof Error && 'code' in error ? error.code : undefined;
}
