import { describe, expect, it } from '@jest/globals';
import { MalformedClaims, principalFromClaims } from './principal-from-claims.js';

describe('principalFromClaims', () => {
  it('maps the contract claims', () => {
    expect(
      principalFromClaims({ sub: 'u1', name: 'Kari', roles: ['teacher'], municipality: '3024', schools: ['S1'], groups: ['5A'] }),
    ).toEqual({ id: 'u1', name: 'Kari', roles: ['teacher'], municipality: '3024', schools: ['S1'], groups: ['S1/5A'], children: [] });
    expect(principalFromClaims({ sub: 'g1', roles: ['guardian'], children: ['elev-1', 'elev-2'] })).toMatchObject({
      roles: ['guardian'],
      children: ['elev-1', 'elev-2'],
    });
  });

  it('reads missing lists as empty, drops unknown and repeated roles, takes a numeric municipality', () => {
    expect(principalFromClaims({ sub: 'u1', roles: ['ppt', 'root', 'ppt'], municipality: 3024 })).toEqual({
      id: 'u1',
      name: '',
      roles: ['ppt'],
      municipality: '3024',
      schools: [],
      groups: [],
      children: [],
    });
  });

  it.each([
    [{ roles: [] }, 'sub'],
    [{ sub: '' }, 'sub'],
    [{ sub: 'u', name: 7 }, 'name'],
    [{ sub: 'u', schools: 'S1' }, 'schools'],
    [{ sub: 'u', groups: [1] }, 'groups'],
    [{ sub: 'u', children: 'elev-1' }, 'children'],
    [{ sub: 'u', municipality: ['3024'] }, 'municipality'],
  ])('refuses %p (%s)', (claims, field) => {
    expect(() => principalFromClaims(claims)).toThrow(MalformedClaims);
    expect(() => principalFromClaims(claims)).toThrow(field);
  });
});
