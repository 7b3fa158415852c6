-- One СОЧИ payment's database work, transaction by transaction, as the four services commit it
-- (run by `npm run bench` against a scratch database holding each service's schema: router, wallet, sochi).
-- Each outbox row is then claimed and marked published by the relay in a transaction of its own, as at moderate rates.
-- -D notify=1 adds the pg_notify() every outbox-writing transaction used to make (see docs/performance.md).
\set w random(1, :wallets)
\set o random(1, :orgs)
\set amount random(100, 999)
SELECT gen_random_uuid() AS pid, gen_random_uuid() AS m1, gen_random_uuid() AS m2, gen_random_uuid() AS m3, gen_random_uuid() AS m4,
       (996700000000 + :w)::text AS phone, lpad((30000000000000 + :o)::text, 14, '0') AS inn, to_char(now(), 'YYYY-MM') AS month \gset

-- 1. payment-router, POST /v1/payments: the payment, its first step, payment.requested in the outbox.
BEGIN;
INSERT INTO router.payments (id, idempotency_key, request_fingerprint, phone, service, account, amount, stage)
  VALUES (:pid, :pid, 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef', :phone, 'SOCHI', :inn, :amount, 'AWAITING_DEBIT')
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id, phone, service, account, amount, stage, reason, created_at, updated_at, signature_produced_at, request_fingerprint;
INSERT INTO router.payment_steps (payment_id, stage) VALUES (:pid, 'AWAITING_DEBIT');
INSERT INTO router.outbox (message_id, type, version, routing_key, envelope)
  VALUES (:m1, 'payment.requested', 1, 'payment.requested.v1', jsonb_build_object('messageId', :m1::text, 'type', 'payment.requested', 'version', 1,
    'occurredAt', now(), 'correlationId', :pid::text, 'causationId', null, 'producer', 'payment-router',
    'payload', jsonb_build_object('paymentId', :pid::text, 'phone', :phone::text, 'service', 'SOCHI', 'account', :inn::text, 'amount', :amount::text, 'requestedAt', now())));
\if :notify
SELECT pg_notify('outbox_pending', '');
\endif
COMMIT;
-- relay: claim one unpublished row (as the relay does: one round trip with its SET LOCALs), publish (broker), mark it published.
BEGIN;
SET LOCAL enable_bitmapscan = off;
SET LOCAL enable_seqscan = off;
SELECT coalesce(min(id), 0) AS rid FROM (SELECT id FROM router.outbox WHERE published_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c \gset
UPDATE router.outbox SET published_at = now() WHERE id = :rid;
COMMIT;

-- 2. wallet, payment.requested: inbox, wallet lock, decision, debit, ledger, month turnover, wallet.payment-debited.
BEGIN;
INSERT INTO wallet.inbox (consumer, message_id, type) VALUES ('wallet.debit-payment', :m1, 'payment.requested') ON CONFLICT DO NOTHING RETURNING 1;
SELECT balance FROM wallet.wallets WHERE phone = :phone FOR UPDATE;
SELECT 1 FROM wallet.payment_decisions WHERE payment_id = :pid;
SELECT amount FROM wallet.wallet_month_turnover WHERE phone = :phone AND month = :month;
INSERT INTO wallet.payment_decisions (payment_id, phone, amount, outcome, reason, decided_at) VALUES (:pid, :phone, :amount, 'DEBITED', NULL, now())
  ON CONFLICT (payment_id) DO NOTHING RETURNING 1;
UPDATE wallet.wallets SET balance = balance - :amount WHERE phone = :phone AND balance >= :amount RETURNING balance AS bal \gset
INSERT INTO wallet.wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account, turnover_month, created_at)
  VALUES (:phone, 'DEBIT', :amount, :bal, :pid, 'SOCHI', :inn, :month, now());
UPDATE wallet.wallet_month_turnover SET amount = amount + :amount WHERE phone = :phone AND month = :month RETURNING 1;
INSERT INTO wallet.outbox (message_id, type, version, routing_key, envelope)
  VALUES (:m2, 'wallet.payment-debited', 1, 'wallet.payment-debited.v1', jsonb_build_object('messageId', :m2::text, 'type', 'wallet.payment-debited', 'version', 1,
    'occurredAt', now(), 'correlationId', :pid::text, 'causationId', :m1::text, 'producer', 'wallet',
    'payload', jsonb_build_object('paymentId', :pid::text, 'phone', :phone::text, 'amount', :amount::text, 'debitedAt', now())));
\if :notify
SELECT pg_notify('outbox_pending', '');
\endif
COMMIT;
BEGIN;
SET LOCAL enable_bitmapscan = off;
SET LOCAL enable_seqscan = off;
SELECT coalesce(min(id), 0) AS rid FROM (SELECT id FROM wallet.outbox WHERE published_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c \gset
UPDATE wallet.outbox SET published_at = now() WHERE id = :rid;
COMMIT;

-- 3. payment-router, wallet.payment-debited: inbox, payment lock, stage, step, sochi.top-up-requested.
BEGIN;
INSERT INTO router.inbox (consumer, message_id, type) VALUES ('payment-router.advance-payment', :m2, 'wallet.payment-debited') ON CONFLICT DO NOTHING RETURNING 1;
SELECT id, phone, service, account, amount, stage FROM router.payments WHERE id = :pid FOR UPDATE;
UPDATE router.payments SET stage = 'AWAITING_PAYEE', reason = COALESCE(NULL, reason), updated_at = now() WHERE id = :pid;
INSERT INTO router.payment_steps (payment_id, stage, reason, cause_message_id) VALUES (:pid, 'AWAITING_PAYEE', NULL, :m2);
INSERT INTO router.outbox (message_id, type, version, routing_key, envelope)
  VALUES (:m3, 'sochi.top-up-requested', 1, 'sochi.top-up-requested.v1', jsonb_build_object('messageId', :m3::text, 'type', 'sochi.top-up-requested', 'version', 1,
    'occurredAt', now(), 'correlationId', :pid::text, 'causationId', :m2::text, 'producer', 'payment-router',
    'payload', jsonb_build_object('paymentId', :pid::text, 'inn', :inn::text, 'amount', :amount::text, 'payerPhone', :phone::text, 'requestedAt', now())));
\if :notify
SELECT pg_notify('outbox_pending', '');
\endif
COMMIT;
BEGIN;
SET LOCAL enable_bitmapscan = off;
SET LOCAL enable_seqscan = off;
SELECT coalesce(min(id), 0) AS rid FROM (SELECT id FROM router.outbox WHERE published_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c \gset
UPDATE router.outbox SET published_at = now() WHERE id = :rid;
COMMIT;

-- 4. sochi-balance, sochi.top-up-requested: inbox, organization lock, credit, ledger, sochi.top-up-credited.
BEGIN;
INSERT INTO sochi.inbox (consumer, message_id, type) VALUES ('sochi-balance.credit-top-up', :m3, 'sochi.top-up-requested') ON CONFLICT DO NOTHING RETURNING 1;
SELECT balance FROM sochi.organizations WHERE inn = :inn FOR UPDATE;
SELECT 1 FROM sochi.sochi_ledger WHERE payment_id = :pid;
UPDATE sochi.organizations SET balance = balance + :amount WHERE inn = :inn RETURNING balance AS obal \gset
INSERT INTO sochi.sochi_ledger (inn, kind, payment_id, amount, balance_after, payer_phone) VALUES (:inn, 'TOP_UP', :pid, :amount, :obal, :phone);
INSERT INTO sochi.outbox (message_id, type, version, routing_key, envelope)
  VALUES (:m4, 'sochi.top-up-credited', 1, 'sochi.top-up-credited.v1', jsonb_build_object('messageId', :m4::text, 'type', 'sochi.top-up-credited', 'version', 1,
    'occurredAt', now(), 'correlationId', :pid::text, 'causationId', :m3::text, 'producer', 'sochi-balance',
    'payload', jsonb_build_object('paymentId', :pid::text, 'inn', :inn::text, 'amount', :amount::text, 'creditedAt', now())));
\if :notify
SELECT pg_notify('outbox_pending', '');
\endif
COMMIT;
BEGIN;
SET LOCAL enable_bitmapscan = off;
SET LOCAL enable_seqscan = off;
SELECT coalesce(min(id), 0) AS rid FROM (SELECT id FROM sochi.outbox WHERE published_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c \gset
UPDATE sochi.outbox SET published_at = now() WHERE id = :rid;
COMMIT;

-- 5. payment-router, sochi.top-up-credited: inbox, payment lock, COMPLETED, step (no command to send).
BEGIN;
INSERT INTO router.inbox (consumer, message_id, type) VALUES ('payment-router.advance-payment', :m4, 'sochi.top-up-credited') ON CONFLICT DO NOTHING RETURNING 1;
SELECT id, phone, service, account, amount, stage FROM router.payments WHERE id = :pid FOR UPDATE;
UPDATE router.payments SET stage = 'COMPLETED', reason = COALESCE(NULL, reason), updated_at = now() WHERE id = :pid;
INSERT INTO router.payment_steps (payment_id, stage, reason, cause_message_id) VALUES (:pid, 'COMPLETED', NULL, :m4);
COMMIT;
