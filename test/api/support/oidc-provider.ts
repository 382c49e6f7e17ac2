/**
 * A real local OIDC provider for the tests: node:http on 127.0.0.1 serving
 * `/.well-known/openid-configuration` and the JWKS, with an RS256 and an ES256 key. It
 * counts JWKS fetches so tests can see jose's cache at work.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface OidcProvider {
  issuer: string;
  rsa: { privateKey: CryptoKey; publicKeyPem: string; kid: string };
  ec: { privateKey: CryptoKey; kid: string };
  jwksFetches: () => number;
  close: () => Promise<void>;
}

export async function startOidcProvider(): Promise<OidcProvider> {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const keys: JWK[] = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  let fetches = 0;
  let issuer = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks`, id_token_signing_alg_values_supported: ['RS256', 'ES256'] }));
    } else if (req.url === '/jwks') {
      fetches += 1;
      res.end(JSON.stringify({ keys }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    rsa: { privateKey: rsa.privateKey, publicKeyPem: await exportSPKI(rsa.publicKey), kid: 'rsa-1' },
    ec: { privateKey: ec.privateKey, kid: 'ec-1' },
    jwksFetches: () => fetches,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
