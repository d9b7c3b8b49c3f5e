/**
 * `gen_random_text_uuid()`: CrateDB's time-based 20-character URL-safe Base64 id (a
 * "flake" id: 6 bytes of epoch milliseconds, 3 bytes of a per-process sequence, 6 bytes of a
 * random node id → 15 bytes → 20 Base64 characters without padding). Ids generated in one
 * process sort roughly by creation time; uniqueness is what matters for primary keys.
 */
import { randomBytes } from 'node:crypto';

const NODE_ID = randomBytes(6);
let sequence = randomBytes(3).readUIntBE(0, 3);
let lastMs = 0;

export function genRandomTextUuid(): string {
  let now = Date.now();
  if (now < lastMs) now = lastMs;
  sequence = (sequence + 1) & 0xffffff;
  if (sequence === 0 && now === lastMs) now++;
  lastMs = now;
  const bytes = Buffer.alloc(15);
  bytes.writeUIntBE(now, 0, 6);
  bytes.writeUIntBE(sequence, 6, 3);
  NODE_ID.copy(bytes, 9);
  return bytes.toString('base64url');
}
