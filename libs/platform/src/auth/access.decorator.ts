import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { AccessRule, Caller } from './callers.js';

export const ACCESS_METADATA = 'dostek:access';

/**
 * Who may call this endpoint. An endpoint without a rule admits nobody. The rule is in the OpenAPI document too
 * (`x-access`), where docs/security-endpoints.md and the access test read it.
 */
export const Access = (rule: AccessRule) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, rule),
    ApiExtension('x-access', { partners: rule.partners ?? [], staff: rule.staff ?? [] }),
  );

/** An endpoint anyone may call: health, and public material such as the CA certificate. */
export const OpenAccess = () =>
  applyDecorators(SetMetadata(ACCESS_METADATA, 'open'), ApiExtension('x-access', { open: true }));

/** The authenticated caller of the request, as the access guard found it. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest().caller,
);
