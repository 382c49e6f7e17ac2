import { describe, expect, it } from '@jest/globals';
import { NOARK_EXPORT_NAMESPACE, nameBasedUuid } from '#event-store/name-based-uuid.js';

describe('nameBasedUuid', () => {
  it('matches the RFC 9562 test vector for v5 (DNS namespace, www.example.com)', () => {
    expect(nameBasedUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is stable for a name and differs between names', () => {
    expect(nameBasedUuid('sak/1/arkiv')).toBe(nameBasedUuid('sak/1/arkiv'));
    expect(nameBasedUuid('sak/1/arkiv')).not.toBe(nameBasedUuid('sak/2/arkiv'));
    expect(nameBasedUuid('æøå')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('NOARK_EXPORT_NAMESPACE', () => {
  it('is what its comment says it is', () => {
    expect(nameBasedUuid('urn:skolefravaer:noark5', '6ba7b811-9dad-11d1-80b4-00c04fd430c8')).toBe(NOARK_EXPORT_NAMESPACE);
  });
});
