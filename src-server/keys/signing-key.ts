import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type SigningKey = { privateKey: crypto.KeyObject; publicKeyPem: string; keyId: string };

/** A short, stable name for a public key, so a client can tell which key signed a license. */
export function keyIdOf(publicKeyPem: string): string {
  return crypto.createHash('sha256').update(publicKeyPem.trim()).digest('hex').slice(0, 16);
}

function fromPrivatePem(pem: string): SigningKey {
  const privateKey = crypto.createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the signing key must be an Ed25519 key');
  const publicKeyPem = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem, keyId: keyIdOf(publicKeyPem) };
}

/**
 * Loads the signing key. In development a missing key is generated (0600) so a fresh clone works; production
 * refuses to start without the vendor's key. The public half can be published for the desktop app to trust.
 */
export function loadSigningKey(options: {
  keyPath: string;
  generateIfMissing: boolean;
  publishPublicKeyTo: string | null;
}): SigningKey {
  if (!fs.existsSync(options.keyPath)) {
    if (!options.generateIfMissing) throw new Error(`signing key not found at ${options.keyPath}`);
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    fs.mkdirSync(path.dirname(options.keyPath), { recursive: true, mode: 0o700 });
    // Written aside, then linked into place: link fails if the name exists, so when two services start at once on
    // a fresh machine the first key wins whole and the other service reads it, never a half-written file.
    const temporary = `${options.keyPath}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    try {
      fs.linkSync(temporary, options.keyPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  const key = fromPrivatePem(fs.readFileSync(options.keyPath, 'utf8'));
  if (options.publishPublicKeyTo) {
    const current = fs.existsSync(options.publishPublicKeyTo) ? fs.readFileSync(options.publishPublicKeyTo, 'utf8') : null;
    if (current !== key.publicKeyPem) {
      // Written aside and renamed, so an app starting at that moment never reads half a key.
      fs.mkdirSync(path.dirname(options.publishPublicKeyTo), { recursive: true });
      const temporary = `${options.publishPublicKeyTo}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, key.publicKeyPem);
      fs.renameSync(temporary, options.publishPublicKeyTo);
    }
  }
  return key;
}

export function signCanonical(key: SigningKey, canonical: string): string {
  return crypto.sign(null, Buffer.from(canonical, 'utf8'), key.privateKey).toString('base64');
}

/** The same signature computed on libuv's thread pool, so a busy service keeps answering while it signs. */
export function signCanonicalAsync(key: SigningKey, canonical: string): Promise<string> {
  return new Promise((resolve, reject) => {
    crypto.sign(null, Buffer.from(canonical, 'utf8'), key.privateKey, (error, signature) =>
      error ? reject(error) : resolve(signature.toString('base64')),
    );
  });
}
