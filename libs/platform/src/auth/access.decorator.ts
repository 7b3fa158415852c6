import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AccessRule, Caller } from './callers.js';

export const ACCESS_METADATA = 'dostek:access';

/** Who may call this endpoint (or every endpoint of the controller). An endpoint without a rule admits nobody. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_METADATA, rule);

/** An endpoint anyone may call: health, and public material such as the CA certificate. */
export const OpenAccess = () => SetMetadata(ACCESS_METADATA, 'open');

/** The authenticated caller of the request, as the access guard found it. */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest().caller);
