/**
 * The contract's claims (`sub`, `name`, `roles`, `municipality`, `schools`, `groups`, `children`) to
 * a Principal. A claim of the wrong type rejects the token (it was not issued for us);
 * missing lists read as empty, so such a caller simply holds no rights.
 */
import type { JWTPayload } from 'jose';
import { isRole, qualifiedGroups, type Principal } from '#access/roles.js';

export class MalformedClaims extends Error {
  override readonly name = 'MalformedClaims';
}

export function principalFromClaims(claims: JWTPayload): Principal {
  const { sub } = claims;
  if (typeof sub !== 'string' || sub.length === 0) throw new MalformedClaims('sub must be a non-empty string');
  const name = claims.name ?? '';
  if (typeof name !== 'string') throw new MalformedClaims('name must be a string');
  // Unknown role names are ignored rather than refused: an IdP may carry roles of other systems.
  const roles = stringList(claims, 'roles').filter(isRole);
  const municipality = claims.municipality;
  if (municipality !== undefined && municipality !== null && typeof municipality !== 'string' && typeof municipality !== 'number') {
    throw new MalformedClaims('municipality must be a string');
  }
  const schools = stringList(claims, 'schools');
  return {
    id: sub,
    name,
    roles: [...new Set(roles)],
    // Municipality numbers such as 3024 may arrive as JSON numbers.
    municipality: municipality === undefined || municipality === null ? null : String(municipality),
    schools,
    groups: qualifiedGroups(stringList(claims, 'groups'), schools),
    children: stringList(claims, 'children'),
  };
}

function stringList(claims: JWTPayload, name: string): string[] {
  const value = claims[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new MalformedClaims(`${name} must be an array of strings`);
  }
  return value as string[];
}
