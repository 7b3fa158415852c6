// Generated from docs/openapi/payment-router.json by openapi-typescript (`npm run docs:contracts`); do not edit.
export interface paths {
    "/v1/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payable services and their account rules
         * @description The two Dos Tek services as MegaPay lists them under Payments → Other, with the account each one takes.
         */
        get: operations["listServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a payment before paying: account holder, amount due, wallet cover
         * @description Whether the payment can be made now, the account holder's name and, for ЭЦП, the amount due. Changes nothing.
         */
        post: operations["checkPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/from-favorite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay a favorite (payment template) from the wallet
         * @description Pays one of the subscriber's favorites; the same flow and answer as POST /v1/payments.
         */
        post: operations["payFavorite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay СОЧИ (INN) or ЭЦП (invoice number) from a wallet
         * @description Pays a Dos Tek service from a MegaPay wallet. Accepted at once; poll GET /v1/payments/{id} for the outcome.
         */
        post: operations["requestPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payment status and reason
         * @description A payment's status (PENDING, COMPLETED, REJECTED, REFUNDED), its reason and every step it went through.
         */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/parked-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Parked messages, newest first (?code, ?status, ?before, ?limit)
         * @description Messages this service could not process, with the code and reason they were parked with and who published them; newest first, paged with ?before; total counts every match.
         */
        get: operations["listParkedMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/parked-messages/{id}/republish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Republish a parked message (billing)
         * @description Hands an open parked message to this service's consumer again (same checks, same handler, applied at most once) once what it needed is there; audited.
         */
        post: operations["republishParkedMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/parked-messages/{id}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Discard a parked message (billing)
         * @description Closes an open parked message without handling it, with the reason; the row is kept; audited.
         */
        post: operations["discardParkedMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness and readiness: database and broker
         * @description Up when the service's database answers and its RabbitMQ connection is open.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit trail of staff and partner writes, newest first (?subject, ?before, ?limit)
         * @description Who changed what in this service, when, under which request id, with the subject before and after; newest first, paged with ?before.
         */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ServiceList: {
            items: {
                /** @enum {string} */
                code: "SOCHI" | "ECP";
                /** @example СОЧИ */
                name: string;
                description: string;
                account: {
                    /** @example ИНН организации или ИП */
                    name: string;
                    /**
                     * @description A regular expression the account must match
                     * @example ^[0-9]{14}$
                     */
                    pattern: string;
                    /** @example 14 */
                    length: number;
                };
                amount: {
                    /** @example 150.00 */
                    min: string;
                    /** @example 150.00 */
                    max: string;
                    /** @enum {string} */
                    currency: "KGS";
                };
            }[];
        };
        PaymentCheck: {
            payable: boolean;
            /** @description Every reason the payment would be rejected now; empty when payable */
            problems: {
                /** @example INSUFFICIENT_FUNDS */
                code: string;
                /** @description As the subscriber reads it */
                message: string | null;
            }[];
            /** @example 996555000001 */
            phone: string;
            /** @enum {string} */
            service: "SOCHI" | "ECP";
            /** @example 01234567890123 */
            account: string;
            /** @example 150.00 */
            amount: string;
            /** @description The organization (СОЧИ) or the ЭЦП client the account belongs to; null when unknown */
            holderName: string | null;
            /**
             * @description ЭЦП: what the invoice still asks for; null for СОЧИ
             * @example 150.00
             */
            amountDue: string | null;
            /** @description null when the phone has no wallet */
            wallet: {
                /** @example 150.00 */
                balance: string;
                /** @example 150.00 */
                availableThisMonth: string;
            } | null;
        };
        Payment: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "PENDING" | "COMPLETED" | "REJECTED" | "REFUNDED";
            /**
             * @description Where a PENDING payment is: waiting for the debit, the payee, or a refund
             * @enum {string}
             */
            stage: "AWAITING_DEBIT" | "AWAITING_PAYEE" | "AWAITING_REFUND" | "COMPLETED" | "REJECTED" | "REFUNDED";
            /**
             * @description Why it was rejected or refunded (INSUFFICIENT_FUNDS, UNKNOWN_INN, …)
             * @example null
             */
            reason: string | null;
            /**
             * @description The reason as the subscriber reads it
             * @example null
             */
            reasonMessage: string | null;
            /** @example 996555000001 */
            phone: string;
            /** @enum {string} */
            service: "SOCHI" | "ECP";
            /**
             * @description The INN (СОЧИ) or invoice number (ЭЦП)
             * @example 01234567890123
             */
            account: string;
            /** @example 150.00 */
            amount: string;
            /**
             * Format: date-time
             * @example 2026-03-01T09:30:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-03-01T09:30:00.000Z
             */
            updatedAt: string;
            /**
             * Format: date-time
             * @description ЭЦП only: when the signature was produced
             * @example 2026-03-01T09:30:00.000Z
             */
            signatureProducedAt?: string | null;
            /** @description GET /v1/payments/{id} only: every step, oldest first */
            steps?: {
                /** @enum {string} */
                stage: "AWAITING_DEBIT" | "AWAITING_PAYEE" | "AWAITING_REFUND" | "COMPLETED" | "REJECTED" | "REFUNDED";
                reason: string | null;
                /**
                 * Format: date-time
                 * @example 2026-03-01T09:30:00.000Z
                 */
                at: string;
            }[];
            /**
             * Format: uuid
             * @description POST /v1/payments/from-favorite only: the favorite paid
             */
            favoriteId?: string;
        };
        ParkedMessagePage: {
            items: {
                /**
                 * @description Increasing; pass the last one as ?before for the next page
                 * @example 42
                 */
                id: string;
                /**
                 * @description The AMQP message id (sha256:… of the body when it had none)
                 * @example 0b9f5c1e-4a8e-4a47-9d3b-1f4a2a7c9e10
                 */
                messageId: string;
                /** @example wallet.parking */
                queue: string;
                /** @example payment.requested.v1 */
                routingKey: string | null;
                /**
                 * @description Why it was parked (docs/messaging.md)
                 * @example UNKNOWN_PAYMENT
                 */
                code: string;
                reason: string;
                /**
                 * @description The broker user that published the original
                 * @example dostek-payment-router
                 */
                originalUserId: string | null;
                /**
                 * Format: date-time
                 * @example 2026-03-01T09:30:00.000Z
                 */
                parkedAt: string;
                /** @description The body as UTF-8 text (bytes that are not UTF-8 shown as U+FFFD) */
                body: string;
                /** @description The body exactly, base64 */
                bodyBase64: string;
                headers: {
                    [key: string]: unknown;
                };
                /** @enum {string} */
                status: "OPEN" | "REPUBLISHED" | "DISCARDED";
                /**
                 * Format: date-time
                 * @example 2026-03-01T09:30:00.000Z
                 */
                resolvedAt: string | null;
                /** @example staff:7f1c0c1e */
                resolvedBy: string | null;
                resolutionNote: string | null;
            }[];
            /** @description How many match the filter, on every page */
            total: number;
            /** @description The ?before of the next page; null on the last */
            nextBefore: string | null;
        };
        ParkedMessage: {
            /**
             * @description Increasing; pass the last one as ?before for the next page
             * @example 42
             */
            id: string;
            /**
             * @description The AMQP message id (sha256:… of the body when it had none)
             * @example 0b9f5c1e-4a8e-4a47-9d3b-1f4a2a7c9e10
             */
            messageId: string;
            /** @example wallet.parking */
            queue: string;
            /** @example payment.requested.v1 */
            routingKey: string | null;
            /**
             * @description Why it was parked (docs/messaging.md)
             * @example UNKNOWN_PAYMENT
             */
            code: string;
            reason: string;
            /**
             * @description The broker user that published the original
             * @example dostek-payment-router
             */
            originalUserId: string | null;
            /**
             * Format: date-time
             * @example 2026-03-01T09:30:00.000Z
             */
            parkedAt: string;
            /** @description The body as UTF-8 text (bytes that are not UTF-8 shown as U+FFFD) */
            body: string;
            /** @description The body exactly, base64 */
            bodyBase64: string;
            headers: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            status: "OPEN" | "REPUBLISHED" | "DISCARDED";
            /**
             * Format: date-time
             * @example 2026-03-01T09:30:00.000Z
             */
            resolvedAt: string | null;
            /** @example staff:7f1c0c1e */
            resolvedBy: string | null;
            resolutionNote: string | null;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "error" | "shutting_down";
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       },
             *       "broker": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
                [key: string]: {
                    status: string;
                } & {
                    [key: string]: unknown;
                };
            };
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       },
             *       "broker": {
             *         "status": "up"
             *       }
             *     }
             */
            error?: {
                [key: string]: {
                    status: string;
                } & {
                    [key: string]: unknown;
                };
            };
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       },
             *       "broker": {
             *         "status": "up"
             *       }
             *     }
             */
            details: {
                [key: string]: {
                    status: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        AuditPage: {
            items: {
                /**
                 * @description Increasing; pass the last one as ?before for the next page
                 * @example 42
                 */
                id: string;
                /**
                 * Format: date-time
                 * @example 2026-03-01T09:30:00.000Z
                 */
                at: string;
                /** @example staff:7f1c0c1e */
                actor: string;
                actorName: string | null;
                requestId: string | null;
                /** @example ecp.invoice-cancelled */
                action: string;
                /** @example invoice:4539578763621486 */
                subject: string;
                /** @description The subject before the write (null when it was created) */
                before: unknown;
                /** @description The subject after the write */
                after: unknown;
            }[];
            /** @description The ?before of the next page; null on the last */
            nextBefore: string | null;
        };
        Problem: {
            /**
             * @description `urn:dostek:problem:<code>`
             * @example urn:dostek:problem:VALIDATION_FAILED
             */
            type: string;
            /**
             * @description The HTTP status in words
             * @example Bad Request
             */
            title: string;
            /** @example 400 */
            status: number;
            /**
             * @description Stable machine-readable code; the response description lists those it can be
             * @example VALIDATION_FAILED
             */
            code: string;
            /**
             * @description For people; never parse it
             * @example the request has invalid fields
             */
            detail: string;
            /**
             * @description The request path
             * @example /v1/payments
             */
            instance: string;
            /** @description With VALIDATION_FAILED: each refused field */
            errors?: {
                /** @example amount */
                field: string;
                /** @example INVALID_AMOUNT */
                code: string;
                /** @example a decimal som amount with two places, such as 150.00 */
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listServices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The two services */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceList"];
                };
            };
            /** @description SIGNATURE_MISSING, SIGNATURE_INVALID, SIGNATURE_EXPIRED, UNKNOWN_KEY, NONCE_REUSED, TOKEN_INVALID, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SCOPE_FORBIDDEN, ROLE_FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkPayment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example 996555000001 */
                    phone: string;
                    /** @enum {string} */
                    service: "SOCHI" | "ECP";
                    /**
                     * @description СОЧИ: the 14-digit INN; ЭЦП: the 16-digit invoice number (Luhn check digit)
                     * @example 01234567890123
                     */
                    account: string;
                    /**
                     * @description Som, a decimal string with at most two places (never a JSON number)
                     * @example 150.00
                     */
                    amount: string;
                };
            };
        };
        responses: {
            /** @description Whether it would go through now; changes nothing */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentCheck"];
                };
            };
            /** @description VALIDATION_FAILED, MALFORMED_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SIGNATURE_MISSING, SIGNATURE_INVALID, SIGNATURE_EXPIRED, UNKNOWN_KEY, NONCE_REUSED, TOKEN_INVALID, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SCOPE_FORBIDDEN, ROLE_FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description DEPENDENCY_UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    payFavorite: {
        parameters: {
            query?: never;
            header: {
                /** @description One key per payment; a retry with the same key and body returns the same payment */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example 996555000001 */
                    phone: string;
                    /** Format: uuid */
                    favoriteId: string;
                    /**
                     * @description Som, a decimal string; default: the favorite's amount (ЭЦП: the amount due)
                     * @example 150.00
                     */
                    amount?: string;
                };
            };
        };
        responses: {
            /** @description Accepted, status PENDING (or the current state of a replayed request) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description VALIDATION_FAILED (AMOUNT_REQUIRED when neither the request nor the favorite has one; an Idempotency-Key too long or of the reserved form autopayment:<uuid>), IDEMPOTENCY_KEY_REQUIRED; also MALFORMED_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SIGNATURE_MISSING, SIGNATURE_INVALID, SIGNATURE_EXPIRED, UNKNOWN_KEY, NONCE_REUSED, TOKEN_INVALID, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SCOPE_FORBIDDEN, ROLE_FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description FAVORITE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED, NOTHING_DUE (an ЭЦП invoice with nothing to pay) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description DEPENDENCY_UNAVAILABLE: the wallet (or ecp-invoicing) did not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestPayment: {
        parameters: {
            query?: never;
            header: {
                /** @description One key per payment; a retry with the same key and body returns the same payment */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example 996555000001 */
                    phone: string;
                    /** @enum {string} */
                    service: "SOCHI" | "ECP";
                    /**
                     * @description СОЧИ: the 14-digit INN; ЭЦП: the 16-digit invoice number (Luhn check digit)
                     * @example 01234567890123
                     */
                    account: string;
                    /**
                     * @description Som, a decimal string with at most two places (never a JSON number)
                     * @example 150.00
                     */
                    amount: string;
                };
            };
        };
        responses: {
            /** @description Accepted, status PENDING (or the current state of a replayed request) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description VALIDATION_FAILED (also for an Idempotency-Key too long or of the reserved form autopayment:<uuid>), IDEMPOTENCY_KEY_REQUIRED; also MALFORMED_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SIGNATURE_MISSING, SIGNATURE_INVALID, SIGNATURE_EXPIRED, UNKNOWN_KEY, NONCE_REUSED, TOKEN_INVALID, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SCOPE_FORBIDDEN, ROLE_FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The payment id from POST /v1/payments */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment with every step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SIGNATURE_MISSING, SIGNATURE_INVALID, SIGNATURE_EXPIRED, UNKNOWN_KEY, NONCE_REUSED, TOKEN_INVALID, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SCOPE_FORBIDDEN, ROLE_FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PAYMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listParkedMessages: {
        parameters: {
            query?: {
                limit?: number;
                /** @description the nextBefore of the previous page */
                before?: string;
                status?: "OPEN" | "REPUBLISHED" | "DISCARDED";
                code?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Parked messages, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParkedMessagePage"];
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SIGNATURE_MISSING, SIGNATURE_INVALID, SIGNATURE_EXPIRED, UNKNOWN_KEY, NONCE_REUSED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_MISSING */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SCOPE_FORBIDDEN, ROLE_FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    republishParkedMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why, kept with the message and in the audit trail */
                    note: string;
                };
            };
        };
        responses: {
            /** @description The message, handled and now REPUBLISHED */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParkedMessage"];
                };
            };
            /** @description VALIDATION_FAILED, MALFORMED_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SIGNATURE_MISSING, SIGNATURE_INVALID, SIGNATURE_EXPIRED, UNKNOWN_KEY, NONCE_REUSED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_MISSING */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SCOPE_FORBIDDEN, ROLE_FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PARKED_MESSAGE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PARKED_MESSAGE_RESOLVED (republished or discarded already), PARKED_MESSAGE_FORGED (FORGED_PRODUCER: never republished), REPUBLISH_FAILED (it still fails, with its code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    discardParkedMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why, kept with the message and in the audit trail */
                    note: string;
                };
            };
        };
        responses: {
            /** @description The message, now DISCARDED */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParkedMessage"];
                };
            };
            /** @description VALIDATION_FAILED, MALFORMED_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SIGNATURE_MISSING, SIGNATURE_INVALID, SIGNATURE_EXPIRED, UNKNOWN_KEY, NONCE_REUSED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_MISSING */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SCOPE_FORBIDDEN, ROLE_FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PARKED_MESSAGE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PARKED_MESSAGE_RESOLVED (republished or discarded already) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The database answers and the broker connection is open */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database or the broker is down (details says which) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    listAuditEntries: {
        parameters: {
            query?: {
                limit?: number;
                /** @description the nextBefore of the previous page */
                before?: string;
                /** @description what was acted on */
                subject?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The audit trail, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SIGNATURE_MISSING, SIGNATURE_INVALID, SIGNATURE_EXPIRED, UNKNOWN_KEY, NONCE_REUSED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_MISSING */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description SCOPE_FORBIDDEN, ROLE_FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description INTERNAL_ERROR */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
