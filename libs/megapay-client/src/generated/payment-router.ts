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
        /**
         * Find payments (staff): by id, Idempotency-Key, phone, INN or invoice number, status, reason, period; paged and sorted
         * @description Every filter narrows the result. `stuck=true` keeps the payments not final `stuckAfterMinutes` after they were requested (default PAYMENT_STUCK_AFTER_S), each saying what it waits for.
         */
        get: operations["searchPayments"];
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
    "/v1/payments/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A Bishkek day's payments per service and status (staff)
         * @description Count and sum of the payments requested on the day (Asia/Bishkek), per service and their status now; the day defaults to today.
         */
        get: operations["summarizePaymentsOfDay"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/per-hour": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payments per hour over the last hours (staff)
         * @description Count and sum of the payments requested in each whole hour of the last `hours` (default 24), up to now.
         */
        get: operations["countPaymentsPerHour"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A payment's story across the services (staff)
         * @description The payment as the lists show it and each step it went through, oldest first: the request (payment-router), the debit, its refusal or the refund (wallet), the payee's acceptance or refusal (sochi-balance or ecp-invoicing) and, for ЭЦП, the signature.
         */
        get: operations["getPaymentTimeline"];
        put?: never;
        post?: never;
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
         * @description A payment's status (PENDING, COMPLETED, REJECTED, REFUNDED), its reason and every step it went through. With `wait`, a PENDING payment is answered as soon as it becomes final, or when `wait` ms have passed (then still PENDING): one request instead of polling.
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
    "/v1/reconciliation/days/{date}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Our register of a Bishkek day: every payment that became final that day, as CSV (staff)
         * @description Columns idempotency_key, payment_id, phone, service, account, amount (som, two decimals), status (COMPLETED, REJECTED, REFUNDED), final_at (ISO 8601 UTC); ordered by idempotency_key.
         */
        get: operations["downloadDayRegister"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reconciliation/days/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A day's saved reconciliation with MegaPay (staff)
         * @description The comparison last saved for the day: totals per service and status on both sides, the counts, every difference with its resolution, and how many are unresolved.
         */
        get: operations["getReconciliation"];
        put?: never;
        /**
         * Compare MegaPay's register of a Bishkek day with ours and save the result (staff)
         * @description MegaPay's register is CSV (docs/reconciliation.md). The result replaces the day's previous one; a difference already resolved keeps its note when it is found again unchanged.
         */
        post: operations["reconcileDay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reconciliation/days": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Reconciled days, newest first (staff)
         * @description Each reconciled Bishkek day in [from, to] (default: the last 31 days) with its counts; a day is flagged while a difference has no resolution.
         */
        get: operations["listReconciliations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reconciliation/days/{date}/differences/{id}/resolution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Explain a difference of a reconciled day (staff)
         * @description Records the note, who wrote it and when; a day stays flagged until each of its differences has one.
         */
        post: operations["resolveReconciliationDifference"];
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
        PaymentPage: {
            items: {
                /** Format: uuid */
                paymentId: string;
                /**
                 * @description The Idempotency-Key as MegaPay sent it (an autopayment run's is autopayment:<run id>)
                 * @example megapay-7f1c0c1e
                 */
                idempotencyKey: string;
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
                /** @enum {string} */
                status: "PENDING" | "COMPLETED" | "REJECTED" | "REFUNDED";
                /**
                 * @description Where a PENDING payment is
                 * @enum {string}
                 */
                stage: "AWAITING_DEBIT" | "AWAITING_PAYEE" | "AWAITING_REFUND" | "COMPLETED" | "REJECTED" | "REFUNDED";
                /**
                 * @description Why it was rejected or refunded
                 * @example null
                 */
                reason: string | null;
                /**
                 * Format: date-time
                 * @example 2026-03-01T09:30:00.000Z
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description When it became COMPLETED, REJECTED or REFUNDED; null while PENDING
                 * @example 2026-03-01T09:30:00.000Z
                 */
                finalAt: string | null;
                /**
                 * @description What a PENDING payment waits for: wallet debit and СОЧИ credit, wallet debit and ЭЦП invoice payment (before the payee answers: the wallet sends a debited payment on itself), СОЧИ credit or ЭЦП invoice payment (payments from before that), wallet refund; null when final
                 * @example СОЧИ credit
                 */
                waitingFor: string | null;
            }[];
            page: number;
            pageSize: number;
            /** @description How many payments match, counted up to 10000: beyond that it is 10000 and totalIsExact is false */
            total: number;
            totalIsExact: boolean;
        };
        PaymentDaySummary: {
            /**
             * @description The Bishkek calendar day
             * @example 2026-11-26
             */
            date: string;
            /** @description Only the service and status pairs that have payments */
            totals: {
                /** @enum {string} */
                service: "SOCHI" | "ECP";
                /** @enum {string} */
                status: "PENDING" | "COMPLETED" | "REJECTED" | "REFUNDED";
                count: number;
                /** @example 150.00 */
                amount: string;
            }[];
        };
        PaymentsPerHour: {
            /** @description Oldest first; the last is the hour now under way */
            hours: {
                /**
                 * Format: date-time
                 * @example 2026-03-01T09:30:00.000Z
                 */
                hourStart: string;
                count: number;
                /** @example 150.00 */
                amount: string;
            }[];
        };
        PaymentTimeline: {
            payment: {
                /** Format: uuid */
                paymentId: string;
                /**
                 * @description The Idempotency-Key as MegaPay sent it (an autopayment run's is autopayment:<run id>)
                 * @example megapay-7f1c0c1e
                 */
                idempotencyKey: string;
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
                /** @enum {string} */
                status: "PENDING" | "COMPLETED" | "REJECTED" | "REFUNDED";
                /**
                 * @description Where a PENDING payment is
                 * @enum {string}
                 */
                stage: "AWAITING_DEBIT" | "AWAITING_PAYEE" | "AWAITING_REFUND" | "COMPLETED" | "REJECTED" | "REFUNDED";
                /**
                 * @description Why it was rejected or refunded
                 * @example null
                 */
                reason: string | null;
                /**
                 * Format: date-time
                 * @example 2026-03-01T09:30:00.000Z
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description When it became COMPLETED, REJECTED or REFUNDED; null while PENDING
                 * @example 2026-03-01T09:30:00.000Z
                 */
                finalAt: string | null;
                /**
                 * @description What a PENDING payment waits for: wallet debit and СОЧИ credit, wallet debit and ЭЦП invoice payment (before the payee answers: the wallet sends a debited payment on itself), СОЧИ credit or ЭЦП invoice payment (payments from before that), wallet refund; null when final
                 * @example СОЧИ credit
                 */
                waitingFor: string | null;
            };
            events: {
                /**
                 * Format: date-time
                 * @example 2026-03-01T09:30:00.000Z
                 */
                at: string;
                /** @enum {string} */
                service: "payment-router" | "wallet" | "sochi-balance" | "ecp-invoicing";
                /** @enum {string} */
                step: "REQUESTED" | "DEBITED" | "DEBIT_REJECTED" | "CREDITED" | "INVOICE_PAID" | "PAYEE_REFUSED" | "REFUNDED" | "SIGNATURE_PRODUCED";
                /** @example null */
                reason: string | null;
            }[];
        };
        Reconciliation: {
            /** @example 2026-11-26 */
            date: string;
            /**
             * Format: date-time
             * @example 2026-03-01T09:30:00.000Z
             */
            comparedAt: string;
            /** @example staff:7f1c0c1e */
            comparedBy: string;
            totals: {
                perService: {
                    /** @enum {string} */
                    service: "SOCHI" | "ECP";
                    ours: {
                        count: number;
                        /** @example 150.00 */
                        amount: string;
                    };
                    theirs: {
                        count: number;
                        /** @example 150.00 */
                        amount: string;
                    };
                }[];
                perStatus: {
                    /** @enum {string} */
                    status: "COMPLETED" | "REJECTED" | "REFUNDED";
                    ours: {
                        count: number;
                        /** @example 150.00 */
                        amount: string;
                    };
                    theirs: {
                        count: number;
                        /** @example 150.00 */
                        amount: string;
                    };
                }[];
            };
            counts: {
                matched: number;
                /** @description In MegaPay's register, not final in ours that day */
                missingOnOurSide: number;
                /** @description Final in ours that day, not in MegaPay's register */
                missingOnTheirs: number;
                amountDiffers: number;
                statusDiffers: number;
                /** @description Phone, service or account differ */
                detailsDiffer: number;
            };
            differences: {
                /**
                 * @description Resolve it at …/differences/{id}/resolution
                 * @example 17
                 */
                id: string;
                /** @enum {string} */
                kind: "missingOnOurSide" | "missingOnTheirs" | "amountDiffers" | "statusDiffers" | "detailsDiffer";
                idempotencyKey: string;
                /** Format: uuid */
                paymentId: string | null;
                ours: {
                    /** @example 996555000001 */
                    phone: string;
                    /** @enum {string} */
                    service: "SOCHI" | "ECP";
                    account: string;
                    /** @example 150.00 */
                    amount: string;
                    /** @enum {string} */
                    status: "COMPLETED" | "REJECTED" | "REFUNDED";
                    /**
                     * Format: date-time
                     * @description Ours: when the payment became final; theirs: paid_at
                     * @example 2026-03-01T09:30:00.000Z
                     */
                    at: string;
                } | null;
                theirs: {
                    /** @example 996555000001 */
                    phone: string;
                    /** @enum {string} */
                    service: "SOCHI" | "ECP";
                    account: string;
                    /** @example 150.00 */
                    amount: string;
                    /** @enum {string} */
                    status: "COMPLETED" | "REJECTED" | "REFUNDED";
                    /**
                     * Format: date-time
                     * @description Ours: when the payment became final; theirs: paid_at
                     * @example 2026-03-01T09:30:00.000Z
                     */
                    at: string;
                } | null;
                resolution: {
                    note: string;
                    /** @example staff:7f1c0c1e */
                    by: string;
                    /**
                     * Format: date-time
                     * @example 2026-03-01T09:30:00.000Z
                     */
                    at: string;
                } | null;
            }[];
            /** @description Differences without a resolution note; the day is flagged while above 0 */
            unresolved: number;
            flagged: boolean;
        };
        ReconciliationList: {
            date: string;
            /**
             * Format: date-time
             * @example 2026-03-01T09:30:00.000Z
             */
            comparedAt: string;
            counts: {
                matched: number;
                /** @description In MegaPay's register, not final in ours that day */
                missingOnOurSide: number;
                /** @description Final in ours that day, not in MegaPay's register */
                missingOnTheirs: number;
                amountDiffers: number;
                statusDiffers: number;
                /** @description Phone, service or account differ */
                detailsDiffer: number;
            };
            unresolved: number;
            flagged: boolean;
        }[];
        ReconciliationDifference: {
            /**
             * @description Resolve it at …/differences/{id}/resolution
             * @example 17
             */
            id: string;
            /** @enum {string} */
            kind: "missingOnOurSide" | "missingOnTheirs" | "amountDiffers" | "statusDiffers" | "detailsDiffer";
            idempotencyKey: string;
            /** Format: uuid */
            paymentId: string | null;
            ours: {
                /** @example 996555000001 */
                phone: string;
                /** @enum {string} */
                service: "SOCHI" | "ECP";
                account: string;
                /** @example 150.00 */
                amount: string;
                /** @enum {string} */
                status: "COMPLETED" | "REJECTED" | "REFUNDED";
                /**
                 * Format: date-time
                 * @description Ours: when the payment became final; theirs: paid_at
                 * @example 2026-03-01T09:30:00.000Z
                 */
                at: string;
            } | null;
            theirs: {
                /** @example 996555000001 */
                phone: string;
                /** @enum {string} */
                service: "SOCHI" | "ECP";
                account: string;
                /** @example 150.00 */
                amount: string;
                /** @enum {string} */
                status: "COMPLETED" | "REJECTED" | "REFUNDED";
                /**
                 * Format: date-time
                 * @description Ours: when the payment became final; theirs: paid_at
                 * @example 2026-03-01T09:30:00.000Z
                 */
                at: string;
            } | null;
            resolution: {
                note: string;
                /** @example staff:7f1c0c1e */
                by: string;
                /**
                 * Format: date-time
                 * @example 2026-03-01T09:30:00.000Z
                 */
                at: string;
            } | null;
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
                /** @description 1 to 200 characters of A-Z a-z 0-9 . _ : - (a UUID fits); otherwise 400 INVALID_IDEMPOTENCY_KEY. One key per payment; a retry with the same key and body returns the same payment */
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
            /** @description VALIDATION_FAILED (AMOUNT_REQUIRED when neither the request nor the favorite has one; an Idempotency-Key of the reserved form autopayment:<uuid>), INVALID_IDEMPOTENCY_KEY (too long or outside its alphabet), IDEMPOTENCY_KEY_REQUIRED; also MALFORMED_REQUEST */
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
    searchPayments: {
        parameters: {
            query?: {
                pageSize?: number;
                page?: number;
                sort?: "-createdAt" | "createdAt" | "-amount" | "amount";
                /** @description with stuck=true; default PAYMENT_STUCK_AFTER_S */
                stuckAfterMinutes?: number;
                stuck?: "true" | "false";
                /** @description requested before */
                to?: string;
                /** @description requested at or after */
                from?: string;
                reason?: string;
                /** @description PENDING, COMPLETED, REJECTED, REFUNDED or a stage (AWAITING_DEBIT, …); several separated by commas */
                status?: string;
                service?: "SOCHI" | "ECP";
                /** @description INN or invoice number */
                account?: string;
                phone?: string;
                /** @description MegaPay's Idempotency-Key */
                idempotencyKey?: string;
                paymentId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the payments that match */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentPage"];
                };
            };
            /** @description VALIDATION_FAILED (INVALID_STATUS, INVALID_PERIOD, …) */
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
    requestPayment: {
        parameters: {
            query?: never;
            header: {
                /** @description 1 to 200 characters of A-Z a-z 0-9 . _ : - (a UUID fits); otherwise 400 INVALID_IDEMPOTENCY_KEY. One key per payment; a retry with the same key and body returns the same payment */
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
            /** @description VALIDATION_FAILED (also for an Idempotency-Key of the reserved form autopayment:<uuid>), INVALID_IDEMPOTENCY_KEY (too long or outside its alphabet), IDEMPOTENCY_KEY_REQUIRED; also MALFORMED_REQUEST */
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
    summarizePaymentsOfDay: {
        parameters: {
            query?: {
                date?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The day and its totals */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentDaySummary"];
                };
            };
            /** @description VALIDATION_FAILED (INVALID_DATE) */
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
    countPaymentsPerHour: {
        parameters: {
            query?: {
                hours?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per hour, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentsPerHour"];
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
    getPaymentTimeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The payment id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment and its steps */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentTimeline"];
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
    getPayment: {
        parameters: {
            query?: {
                /** @description How long to wait for a PENDING payment to become final, in ms (0 to 10000; 0 by default: answer at once) */
                wait?: number;
            };
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
            /** @description VALIDATION_FAILED (field code INVALID_WAIT) */
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
    downloadDayRegister: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A Bishkek calendar day */
                date: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The register, a header line first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description VALIDATION_FAILED (INVALID_DATE) */
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
    getReconciliation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A Bishkek calendar day */
                date: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The saved comparison */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reconciliation"];
                };
            };
            /** @description VALIDATION_FAILED (INVALID_DATE) */
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
            /** @description RECONCILIATION_NOT_FOUND: the day was not reconciled */
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
    reconcileDay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A Bishkek calendar day */
                date: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description MegaPay's register: CSV with the header idempotency_key,phone,service,account,amount,status,paid_at */
                    megapayRegister: string;
                };
            };
        };
        responses: {
            /** @description The saved comparison */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reconciliation"];
                };
            };
            /** @description VALIDATION_FAILED (INVALID_DATE, …); also MALFORMED_REQUEST */
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
            /** @description REGISTER_UNREADABLE: the line (1 is the header) and what is wrong with it */
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
    listReconciliations: {
        parameters: {
            query?: {
                to?: string;
                from?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reconciled days */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationList"];
                };
            };
            /** @description VALIDATION_FAILED (INVALID_DATE, INVALID_PERIOD) */
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
    resolveReconciliationDifference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A Bishkek calendar day */
                date: string;
                /** @description The difference id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description what explains the difference or what was done about it */
                    note: string;
                };
            };
        };
        responses: {
            /** @description The difference with its resolution */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationDifference"];
                };
            };
            /** @description VALIDATION_FAILED (INVALID_DATE, INVALID_NOTE, …); also MALFORMED_REQUEST */
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
            /** @description DIFFERENCE_NOT_FOUND */
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
