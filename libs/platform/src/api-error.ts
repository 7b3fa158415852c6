/** An expected HTTP failure with a stable machine-readable code, rendered as application/problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 415 | 422 | 502 | 503,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
