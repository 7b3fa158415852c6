import { All, Body, Controller, Param, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiError, ZodPipe } from '#platform';
import { BACKEND_SERVICES, forwarding, type BackendService } from '../domain/forwarding-rules.js';
import { mayDo } from '../domain/staff-permissions.js';
import { ServiceApi } from '../services/service-api.js';
import { SignedInGuard, Staff } from '../session/signed-in.guard.js';
import type { StaffSession } from '../session/staff-session.js';

const PREFIX = '/api/services/';

/**
 * `/api/services/<service>/v1/…` → the service's `/v1/…`, as the signed-in member of staff: every read, and only the
 * writes the UI offers (domain/forwarding-rules.ts). A write the role may not do is refused here, before the call.
 */
@Controller('api/services')
@UseGuards(SignedInGuard)
export class ForwardController {
  constructor(private readonly services: ServiceApi) {}

  @All(':service/*path')
  async forward(
    @Param('service', new ZodPipe(z.enum(BACKEND_SERVICES))) service: BackendService,
    @Body(new ZodPipe(z.record(z.string(), z.unknown()).optional())) body: Record<string, unknown> | undefined,
    @Staff() staff: StaffSession,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // The path and query as the browser encoded them, so that what is checked is exactly what is sent.
    const rest = req.originalUrl.slice(PREFIX.length + service.length);
    const [path] = rest.split('?');
    const rule = forwarding(req.method, service, path);
    if (!rule.ok) throw new ApiError(404, 'NOT_FORWARDED', `${req.method} ${path} is not offered by the back office`);
    if (rule.action && !mayDo(staff.roles, rule.action))
      throw new ApiError(403, 'ROLE_FORBIDDEN', `${rule.action} needs another role`);
    const answer = await this.services.call(
      service,
      req.method,
      rest,
      staff.token,
      req.method === 'GET' ? undefined : (body ?? {}),
    );
    res.status(answer.status);
    if (answer.contentType) res.setHeader('content-type', answer.contentType);
    if (answer.contentDisposition) res.setHeader('content-disposition', answer.contentDisposition);
    res.setHeader('cache-control', 'no-store');
    res.end(answer.body);
  }
}
