import { randomBytes, sign, type KeyObject } from 'node:crypto';

// Just enough DER to build one self-signed certificate: Node can parse X.509 but not create it, and the JWKS
// schema requires x5c/x5tS256, so the emulator publishes a real certificate for its signing key.

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, ...items);
const set = (...items: Buffer[]): Buffer => tlv(0x31, ...items);
const NULL = Buffer.from([0x05, 0x00]);

/** `bytes` is unsigned big-endian; DER integers are signed, so a set top bit needs a leading zero. */
function integer(bytes: Buffer): Buffer {
  const needsPadding = ((bytes[0] ?? 0) & 0x80) !== 0;
  return tlv(0x02, needsPadding ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function objectId(dotted: string): Buffer {
  const [first = 0, second = 0, ...arcs] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of arcs) {
    const chunk = [arc & 0x7f];
    for (let rest = arc >>> 7; rest > 0; rest >>>= 7) chunk.unshift((rest & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** RFC 5280 §4.1.2.5: UTCTime up to 2049, GeneralizedTime from 2050. */
function time(date: Date): Buffer {
  const compact = `${date.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`;
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(compact.slice(2))) : tlv(0x18, Buffer.from(compact));
}

function distinguishedName(commonName: string): Buffer {
  return sequence(set(sequence(objectId('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
}

const SHA256_WITH_RSA = sequence(objectId('1.2.840.113549.1.1.11'), NULL);

export type CertificateRequest = {
  publicKey: KeyObject;
  privateKey: KeyObject;
  commonName: string;
  notBefore: Date;
  notAfter: Date;
};

/** A DER-encoded X.509 v3 certificate (no extensions) for an RSA key, signed by that key. */
export function createSelfSignedCertificate(request: CertificateRequest): Buffer {
  const serial = randomBytes(16);
  // Positive and without a leading zero byte, so the serial stays a minimal DER integer.
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const subject = distinguishedName(request.commonName);
  const toBeSigned = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    SHA256_WITH_RSA,
    subject,
    sequence(time(request.notBefore), time(request.notAfter)),
    subject,
    request.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', toBeSigned, request.privateKey);
  return sequence(toBeSigned, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), signature));
}
