/**
 * What the web app's sign-in page needs before anyone has a token: which way this service
 * signs people in (api.md, The web app), and, with AUTH_DEV=1 only, the demo's people and a
 * token for the one chosen. Without AUTH_DEV the dev routes answer 404, as if absent.
 */
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { DEV_NAMES, mintDevToken } from '#access/dev-tokens.js';
import { ROLES, type Role } from '#access/roles.js';
import { Public } from '../auth/public.decorator.js';
import { AppConfig } from '../common/app-config.js';
import { httpError } from '../common/error-body.js';

/** The people the dev sign-in offers: every role but `ops`, which has no page. */
const DEV_ROLES = ROLES.filter((role) => role !== 'ops');

export class DevSignInBody {
  @ApiProperty({ example: 'dev-contact-teacher', description: "The person's `sub`, as `GET /auth/dev/people` lists it." })
  @IsString()
  @IsIn(DEV_ROLES.map((role) => `dev-${role}`))
  sub!: string;
}

@ApiTags('sign-in')
@Controller('auth')
export class SignInController {
  constructor(private readonly config: AppConfig) {}

  @Get('config')
  @Public()
  @ApiOperation({ summary: 'How this service signs people in: dev (AUTH_DEV=1), oidc, or a pasted token' })
  @ApiOkResponse({ schema: { example: { mode: 'oidc', oidc: { issuer: 'https://auth.dataporten.no', clientId: 'skolefravaer' } } } })
  signInConfig(): { mode: 'dev' | 'oidc' | 'token'; oidc: { issuer: string; clientId: string } | null } {
    const { dev, oidc } = this.config.auth;
    const clientId = this.config.oidcClientId ?? oidc?.audience ?? null;
    return {
      mode: dev ? 'dev' : oidc ? 'oidc' : 'token',
      oidc: oidc && clientId ? { issuer: oidc.issuer, clientId } : null,
    };
  }

  @Get('dev/people')
  @Public()
  @ApiOperation({ summary: "The demo's people, one per role (AUTH_DEV=1 only)" })
  @ApiOkResponse({ schema: { example: [{ sub: 'dev-contact-teacher', name: 'Kari Nordmann', role: 'contact-teacher' }] } })
  @ApiNotFoundResponse({ description: 'AUTH_DEV is not on' })
  people(): { sub: string; name: string; role: Role }[] {
    this.devOnly();
    return DEV_ROLES.map((role) => ({ sub: `dev-${role}`, name: DEV_NAMES[role], role }));
  }

  @Post('dev/sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'A token for one of the demo people (AUTH_DEV=1 only)' })
  @ApiOkResponse({ schema: { example: { token: 'eyJ…' } } })
  @ApiNotFoundResponse({ description: 'AUTH_DEV is not on' })
  async signIn(@Body() body: DevSignInBody): Promise<{ token: string }> {
    const secret = this.devOnly();
    const role = body.sub.slice('dev-'.length) as Role;
    const { devMunicipality, devSchools, devGroups, devChildren } = this.config;
    const claims = { municipality: devMunicipality, schools: devSchools, groups: devGroups, children: devChildren };
    const { token } = await mintDevToken(secret, role, claims);
    return { token };
  }

  private devOnly(): string {
    const { dev, hs256 } = this.config.auth;
    if (!dev || !hs256) throw httpError(404, 'Not found');
    return hs256.secret;
  }
}
