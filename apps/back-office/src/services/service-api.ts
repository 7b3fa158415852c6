import { Inject, Injectable, Logger } from '@nestjs/common';
import { BACK_OFFICE_CONFIG, type BackOfficeConfig } from '../back-office.config.js';
import type { BackendService } from '../domain/forwarding-rules.js';

/** A service's answer as it came: status, the headers the browser needs, and the body's bytes. */
export interface ServiceAnswer {
  status: number;
  contentType: string | null;
  contentDisposition: string | null;
  body: Buffer;
}

/** A JSON answer read: the value on 2xx, else the service's problem (or one made up for an unreachable service). */
export type ServiceRead<T> =
  { ok: true; value: T } | { ok: false; status: number; problem: { code?: string; detail?: string } };

const TIMEOUT_MS = 15_000;

/**
 * The four services' HTTP APIs, called as the signed-in member of staff (`Authorization: Bearer`): each service checks
 * the token's roles and audits the writes, so the back office holds no rights of its own.
 */
@Injectable()
export class ServiceApi {
  private readonly logger = new Logger(ServiceApi.name);
  private readonly urls: Record<BackendService, string>;

  constructor(@Inject(BACK_OFFICE_CONFIG) config: BackOfficeConfig) {
    this.urls = {
      'payment-router': config.PAYMENT_ROUTER_URL,
      wallet: config.WALLET_URL,
      'sochi-balance': config.SOCHI_BALANCE_URL,
      'ecp-invoicing': config.ECP_INVOICING_URL,
    };
  }

  /** `pathAndQuery` starts with /v1/ and is sent as given (already encoded). */
  async call(
    service: BackendService,
    method: string,
    pathAndQuery: string,
    token: string,
    body?: unknown,
  ): Promise<ServiceAnswer> {
    const url = `${this.urls[service].replace(/\/+$/, '')}${pathAndQuery}`;
    try {
      const res = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json, text/csv, application/x-pem-file, */*',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      return {
        status: res.status,
        contentType: res.headers.get('content-type'),
        contentDisposition: res.headers.get('content-disposition'),
        body: Buffer.from(await res.arrayBuffer()),
      };
    } catch (e) {
      this.logger.warn(`${service} ${method} ${pathAndQuery.split('?')[0]} failed: ${(e as Error).message}`);
      const problem = {
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        code: 'DEPENDENCY_UNAVAILABLE',
        detail: `${service} does not answer`,
      };
      return {
        status: 503,
        contentType: 'application/problem+json',
        contentDisposition: null,
        body: Buffer.from(JSON.stringify(problem)),
      };
    }
  }

  async read<T>(service: BackendService, pathAndQuery: string, token: string): Promise<ServiceRead<T>> {
    const answer = await this.call(service, 'GET', pathAndQuery, token);
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(answer.body.toString('utf8'));
    } catch {
      // not JSON: a proxy's error page; the status says enough
    }
    if (answer.status >= 200 && answer.status < 300) return { ok: true, value: parsed as T };
    return { ok: false, status: answer.status, problem: (parsed ?? {}) as { code?: string; detail?: string } };
  }
}
