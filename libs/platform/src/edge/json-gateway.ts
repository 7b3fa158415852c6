import { signedHeaders, signingKeyFrom } from '#megapay-client';

/**
 * Another service did not answer in time, or answered with a failure. Not the request's fault and not HTTP: the
 * problem filter answers it 503 DEPENDENCY_UNAVAILABLE, a consumer retries the message.
 */
export class DependencyUnavailable extends Error {
  constructor(
    readonly service: string,
    message: string,
  ) {
    super(message);
    this.name = 'DependencyUnavailable';
  }
}

/** Another service's HTTP read API, asked as this service (SERVICE_QUERY_KEY, "keyid:secret"). */
export interface JsonService {
  readonly name: string;
  readonly baseUrl: string;
  readonly signingKey: string;
  readonly timeoutMs: number;
}

/**
 * GETs a JSON document of another service, signed (the services answer no anonymous caller) and within the timeout:
 * the document, or null for a 404; any other failure is DependencyUnavailable.
 */
export async function getJson(service: JsonService, path: string): Promise<Record<string, any> | null> {
  let res: Response;
  try {
    const url = new URL(path, service.baseUrl).toString();
    const headers = await signedHeaders(signingKeyFrom(service.signingKey), { method: 'GET', url });
    res = await fetch(url, { headers, signal: AbortSignal.timeout(service.timeoutMs) });
  } catch (e) {
    throw new DependencyUnavailable(service.name, `${service.name} did not answer: ${(e as Error).message}`);
  }
  if (res.status === 404) return null;
  if (!res.ok) throw new DependencyUnavailable(service.name, `${service.name} answered ${res.status}`);
  return (await res.json()) as Record<string, any>;
}
