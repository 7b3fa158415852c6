/** Calls to the back office's own BFF. A refusal arrives as problem+json and is thrown as ApiProblem. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

type Listener = () => void;
const signedOutListeners = new Set<Listener>();
/** Called when the session has ended (401 from the BFF): the app shows the sign-in page. */
export function onSignedOut(listener: Listener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    // The BFF takes a write only with this header (CSRF): a cross-site form cannot send it.
    headers: {
      'x-back-office': '1',
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const parsed = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (!res.ok) {
    const problem = (typeof parsed === 'object' && parsed) || {};
    const code = (problem as { code?: string }).code ?? `HTTP_${res.status}`;
    // A service's 401 means its token expired; the BFF's own SESSION_MISSING means no session at all.
    if (res.status === 401) signedOutListeners.forEach((l) => l());
    throw new ApiProblem(res.status, code, (problem as { detail?: string }).detail ?? res.statusText);
  }
  return parsed as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
};

/** A service's API through the BFF: `svc('payment-router', '/v1/payments')`. */
export const svc = (service: 'payment-router' | 'wallet' | 'sochi-balance' | 'ecp-invoicing', path: string) =>
  `/api/services/${service}${path}`;

/** A query string from the fields that have a value. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
