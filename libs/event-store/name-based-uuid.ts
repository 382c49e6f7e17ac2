import { createHash } from 'node:crypto';

/** Namespace of every systemID this export derives: the v5 UUID of 'urn:skolefravaer:noark5' in the URL namespace. */
export const NOARK_EXPORT_NAMESPACE = '79b5f6bb-1857-5328-9e35-5dee6cd71498';

/**
 * An RFC 9562 version-5 (SHA-1, name-based) UUID.
 *
 * The containers (arkiv, arkivdel, klasse …) and the document units have no id in the case
 * events, yet Noark wants a systemID on each. Deriving them from the case's id and a fixed
 * name keeps an export reproducible: the same history exports to the same XML, byte for byte,
 * so two extracts can be compared and a changed one stands out.
 */
export function nameBasedUuid(name: string, namespace: string = NOARK_EXPORT_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`namespace is not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
