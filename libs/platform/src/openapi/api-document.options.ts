/** What a service's OpenAPI document says beyond its operations. */
export interface ApiDocumentOptions {
  /** The port the service listens on in development (its config's default), for the document's `servers`. */
  developmentPort: number;
  /** A description of each of the service's tags, in the order they are listed. */
  tags: Record<string, string>;
}

export const API_DOCUMENT_OPTIONS = Symbol('API_DOCUMENT_OPTIONS');
