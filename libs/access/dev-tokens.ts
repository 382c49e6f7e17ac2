/**
 * Development tokens (AUTH_DEV=1, and the `npm run demo` CLI): one HS256 token per role
 * with demo claims, signed with the given secret. Never used unless AUTH_DEV=1; the
 * server says so on every start.
 */
import { SignJWT } from 'jose';
import { ROLES, type Role } from './roles.js';

export interface DevClaimsOptions {
  municipality: string;
  schools: string[];
  groups: string[];
  /** The demo guardian's children (student ids). */
  children?: string[];
}

export interface DevToken {
  role: Role;
  sub: string;
  token: string;
}

/** 12 h: a working day of demo use, after which a restart (or the CLI) mints new ones. */
export const DEV_TOKEN_LIFETIME = '12h';

export const DEV_DEFAULTS: DevClaimsOptions = { municipality: '3024', schools: ['demo-skole-1'], groups: ['5A'] };

/**
 * The demo's people, one per role, with the names the web app's dev sign-in shows and the
 * history records as the actor. Invented names; the `sub` is what logs and events carry.
 */
export const DEV_NAMES: Record<Role, string> = {
  admin: 'Anders Lie',
  teacher: 'Per Hansen',
  'contact-teacher': 'Kari Nordmann',
  'school-leader': 'Ingrid Solberg',
  'student-services': 'Sofie Berg',
  ppt: 'Jonas Dahl',
  municipality: 'Marte Haugen',
  auditor: 'Erik Lund',
  guardian: 'Hilde Bakken',
  ops: 'Driftsvakt',
};

/** The demo claims of one role: scoped claims only where the role's scope reads them. */
export function devClaims(role: Role, options: DevClaimsOptions): Record<string, unknown> {
  const base = { sub: `dev-${role}`, name: DEV_NAMES[role], roles: [role], municipality: options.municipality };
  switch (role) {
    case 'teacher':
    case 'contact-teacher':
      return { ...base, schools: options.schools, groups: options.groups };
    case 'school-leader':
    case 'student-services':
      return { ...base, schools: options.schools, groups: [] };
    case 'guardian':
      return { ...base, schools: [], groups: [], children: options.children ?? [] };
    default:
      return { ...base, schools: [], groups: [] };
  }
}

/** One role's demo token, signed with `secret`. */
export async function mintDevToken(secret: string, role: Role, options: DevClaimsOptions = DEV_DEFAULTS): Promise<DevToken> {
  const claims = devClaims(role, options);
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(DEV_TOKEN_LIFETIME)
    .sign(new TextEncoder().encode(secret));
  return { role, sub: claims.sub as string, token };
}

export async function mintDevTokens(secret: string, options: DevClaimsOptions = DEV_DEFAULTS): Promise<DevToken[]> {
  return Promise.all(ROLES.map((role) => mintDevToken(secret, role, options)));
}

/** The text printed at start: the secret, then `role: token` lines. */
export function formatDevTokens(secret: string, tokens: DevToken[], generated: boolean): string {
  const lines = [
    '',
    '=== AUTH_DEV=1: development authentication is ON. Never use this in production. ===',
    `AUTH_JWT_SECRET=${secret}${generated ? '   (generated for this run)' : ''}`,
    `Tokens (valid ${DEV_TOKEN_LIFETIME}); use as  Authorization: Bearer <token>`,
    ...tokens.map(({ role, token }) => `${role.padEnd(17)} ${token}`),
    '',
  ];
  return lines.join('\n');
}
