-- One СОЧИ payment's database work, round trip for round trip, as the four services send it
-- (run by `npm run bench` with `pgbench -M simple` against a scratch database holding each service's schema: router,
-- wallet, sochi). `\;` joins statements into one message, as the services do with the simple query protocol
-- (libs/platform/src/apply-once.ts): BEGIN travels with the inbox claim, the lock and the reads; the outbox rows and
-- the writes nobody reads back travel with COMMIT. Each outbox row is then claimed and marked published by the relay
-- in a transaction of its own (two round trips), as at moderate rates.
-- -D notify=1 adds the pg_notify() every outbox-writing transaction used to make (see docs/performance.md).
\set w random(1, :wallets)
\set o random(1, :orgs)
\set amount random(100, 999)
SELECT gen_random_uuid() AS pid, gen_random_uuid() AS m1, gen_random_uuid() AS m2, gen_random_uuid() AS m4,
       (996700000000 + :w)::text AS phone, lpad((30000000000000 + :o)::text, 14, '0') AS inn, to_char(now(), 'YYYY-MM') AS month \gset

-- 1. payment-router, POST /v1/payments: the payment and its first step (one statement); payment.requested with COMMIT.
BEGIN \;
WITH payment AS (
  INSERT INTO router.payments (id, idempotency_key, request_fingerprint, phone, service, account, amount, stage)
  VALUES (':pid', ':pid', 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef', ':phone', 'SOCHI', ':inn', :amount, 'AWAITING_DEBIT')
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id, phone, service, account, amount, stage, reason, created_at, updated_at, signature_produced_at, request_fingerprint
), first_step AS (INSERT INTO router.payment_steps (payment_id, stage) SELECT id, 'AWAITING_DEBIT' FROM payment)
SELECT * FROM payment;
INSERT INTO router.outbox (message_id, type, version, routing_key, envelope)
  VALUES (':m1', 'payment.requested', 1, 'payment.requested.v1', jsonb_build_object('messageId', ':m1', 'type', 'payment.requested', 'version', 1,
    'occurredAt', now(), 'correlationId', ':pid', 'causationId', null, 'producer', 'payment-router',
    'payload', jsonb_build_object('paymentId', ':pid', 'phone', ':phone', 'service', 'SOCHI', 'account', ':inn', 'amount', ':amount', 'requestedAt', now()))) \;
\if :notify
SELECT pg_notify('outbox_pending', '') \;
\endif
COMMIT;
-- relay: BEGIN + claim (one round trip), publish (broker), mark published + COMMIT (one round trip).
BEGIN \; SET LOCAL enable_bitmapscan = off \; SET LOCAL enable_seqscan = off \;
SELECT coalesce(min(id), 0) AS rid FROM (SELECT id FROM router.outbox WHERE published_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c \gset
UPDATE router.outbox SET published_at = now() WHERE id = :rid \; COMMIT;

-- 2. wallet, payment.requested: BEGIN, inbox, wallet lock, decision, turnover (one round trip); decision, debit,
--    ledger, turnover (one round trip, results checked); sochi.top-up-requested with COMMIT (the routing slip).
BEGIN \;
INSERT INTO wallet.inbox (consumer, message_id, type) VALUES ('wallet.debit-payment', ':m1', 'payment.requested') ON CONFLICT DO NOTHING RETURNING 1 AS claimed \;
SELECT balance AS wbal FROM wallet.wallets WHERE phone = ':phone' FOR UPDATE \;
SELECT 1 AS decided FROM wallet.payment_decisions WHERE payment_id = ':pid' \;
SELECT amount AS turnover FROM wallet.wallet_month_turnover WHERE phone = ':phone' AND month = ':month' \aset
\set wbal_after :wbal - :amount
INSERT INTO wallet.payment_decisions (payment_id, phone, amount, outcome, reason, decided_at) VALUES (':pid', ':phone', :amount, 'DEBITED', NULL, now())
  ON CONFLICT (payment_id) DO NOTHING RETURNING 1 \;
UPDATE wallet.wallets SET balance = balance - :amount WHERE phone = ':phone' AND balance >= :amount RETURNING balance \;
INSERT INTO wallet.wallet_ledger (phone, kind, amount, balance_after, payment_id, service, account, turnover_month, created_at)
  VALUES (':phone', 'DEBIT', :amount, :wbal_after, ':pid', 'SOCHI', ':inn', ':month', now()) \;
-- (the service sets the turnover it computed, compare-and-set; an upsert here does the same work whether or not the row exists)
INSERT INTO wallet.wallet_month_turnover (phone, month, amount) VALUES (':phone', ':month', :amount)
  ON CONFLICT (phone, month) DO UPDATE SET amount = wallet.wallet_month_turnover.amount + EXCLUDED.amount RETURNING 1;
INSERT INTO wallet.outbox (message_id, type, version, routing_key, envelope)
  VALUES (':m2', 'sochi.top-up-requested', 1, 'sochi.top-up-requested.v1', jsonb_build_object('messageId', ':m2', 'type', 'sochi.top-up-requested', 'version', 1,
    'occurredAt', now(), 'correlationId', ':pid', 'causationId', ':m1', 'producer', 'wallet',
    'payload', jsonb_build_object('paymentId', ':pid', 'inn', ':inn', 'amount', ':amount', 'payerPhone', ':phone', 'requestedAt', now()))) \;
\if :notify
SELECT pg_notify('outbox_pending', '') \;
\endif
COMMIT;
BEGIN \; SET LOCAL enable_bitmapscan = off \; SET LOCAL enable_seqscan = off \;
SELECT coalesce(min(id), 0) AS rid FROM (SELECT id FROM wallet.outbox WHERE published_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c \gset
UPDATE wallet.outbox SET published_at = now() WHERE id = :rid \; COMMIT;

-- 3. sochi-balance, sochi.top-up-requested: BEGIN, inbox, organization lock, earlier credit, waiting reports (one
--    round trip); sochi.top-up-credited, ledger and balance with COMMIT.
BEGIN \;
INSERT INTO sochi.inbox (consumer, message_id, type) VALUES ('sochi-balance.credit-top-up', ':m2', 'sochi.top-up-requested') ON CONFLICT DO NOTHING RETURNING 1 AS claimed \;
SELECT balance AS obal FROM sochi.organizations WHERE inn = ':inn' FOR UPDATE \;
SELECT 1 AS credited FROM sochi.sochi_ledger WHERE payment_id = ':pid' \;
SELECT report_id, price FROM sochi.report_charges WHERE inn = ':inn' AND status = 'AWAITING_PAYMENT' ORDER BY id \aset
\set obal_after :obal + :amount
INSERT INTO sochi.outbox (message_id, type, version, routing_key, envelope)
  VALUES (':m4', 'sochi.top-up-credited', 1, 'sochi.top-up-credited.v1', jsonb_build_object('messageId', ':m4', 'type', 'sochi.top-up-credited', 'version', 1,
    'occurredAt', now(), 'correlationId', ':pid', 'causationId', ':m2', 'producer', 'sochi-balance',
    'payload', jsonb_build_object('paymentId', ':pid', 'inn', ':inn', 'amount', ':amount', 'creditedAt', now()))) \;
INSERT INTO sochi.sochi_ledger (inn, kind, payment_id, amount, balance_after, payer_phone, created_at)
  VALUES (':inn', 'TOP_UP', ':pid', :amount, :obal_after, ':phone', clock_timestamp()) \;
UPDATE sochi.organizations SET balance = :obal_after WHERE inn = ':inn' \;
\if :notify
SELECT pg_notify('outbox_pending', '') \;
\endif
COMMIT;
BEGIN \; SET LOCAL enable_bitmapscan = off \; SET LOCAL enable_seqscan = off \;
SELECT coalesce(min(id), 0) AS rid FROM (SELECT id FROM sochi.outbox WHERE published_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c \gset
UPDATE sochi.outbox SET published_at = now() WHERE id = :rid \; COMMIT;

-- 4. payment-router, sochi.top-up-credited: BEGIN, inbox, payment lock (one round trip); payment.completed, COMPLETED
--    and the two steps (the debit it implies, the credit) with COMMIT.
BEGIN \;
INSERT INTO router.inbox (consumer, message_id, type) VALUES ('payment-router.advance-payment', ':m4', 'sochi.top-up-credited') ON CONFLICT DO NOTHING RETURNING 1 \;
SELECT id, idempotency_key, phone, service, account, amount, stage, reason FROM router.payments WHERE id = ':pid' FOR UPDATE;
INSERT INTO router.outbox (message_id, type, version, routing_key, envelope)
  VALUES (gen_random_uuid(), 'payment.completed', 1, 'payment.completed.v1', jsonb_build_object('messageId', gen_random_uuid(), 'type', 'payment.completed', 'version', 1,
    'occurredAt', now(), 'correlationId', ':pid', 'causationId', ':m4', 'producer', 'payment-router',
    'payload', jsonb_build_object('paymentId', ':pid', 'autopaymentRunId', null, 'phone', ':phone', 'service', 'SOCHI', 'account', ':inn', 'amount', ':amount', 'completedAt', now()))) \;
UPDATE router.payments SET stage = 'COMPLETED', reason = COALESCE(NULL, reason), updated_at = now() WHERE id = ':pid' \;
INSERT INTO router.payment_steps (payment_id, stage, reason, cause_message_id)
  VALUES (':pid', 'AWAITING_PAYEE', NULL, ':m4'), (':pid', 'COMPLETED', NULL, ':m4') \;
COMMIT;
BEGIN \; SET LOCAL enable_bitmapscan = off \; SET LOCAL enable_seqscan = off \;
SELECT coalesce(min(id), 0) AS rid FROM (SELECT id FROM router.outbox WHERE published_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c \gset
UPDATE router.outbox SET published_at = now() WHERE id = :rid \; COMMIT;

-- 5. wallet, payment.completed: BEGIN, inbox, the wallet, no autopayment run (one round trip); the notification (one
--    round trip: its id goes into the event); wallet.notification-raised with COMMIT.
BEGIN \;
INSERT INTO wallet.inbox (consumer, message_id, type) VALUES ('wallet.record-payment-outcome', gen_random_uuid(), 'payment.completed') ON CONFLICT DO NOTHING RETURNING 1 \;
SELECT 1 FROM wallet.wallets WHERE phone = ':phone' \;
SELECT NULL WHERE false;
INSERT INTO wallet.notifications (phone, kind, message, amount, payment_id, autopayment_id, dedupe_key)
  VALUES (':phone', 'PAYMENT_COMPLETED', 'Платеж ' || :amount || ' тыйын (СОЧИ, ИНН ' || ':inn' || ') выполнен.', :amount, ':pid', NULL, 'PAYMENT_COMPLETED:' || ':pid')
  ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, created_at;
INSERT INTO wallet.outbox (message_id, type, version, routing_key, envelope)
  VALUES (gen_random_uuid(), 'wallet.notification-raised', 1, 'wallet.notification-raised.v1', jsonb_build_object('messageId', gen_random_uuid(), 'type', 'wallet.notification-raised', 'version', 1,
    'occurredAt', now(), 'correlationId', ':pid', 'causationId', null, 'producer', 'wallet',
    'payload', jsonb_build_object('notificationId', '1', 'phone', ':phone', 'kind', 'PAYMENT_COMPLETED', 'message', 'Платеж выполнен.', 'amount', ':amount',
      'paymentId', ':pid', 'autopaymentId', null, 'raisedAt', now()))) \;
COMMIT;
BEGIN \; SET LOCAL enable_bitmapscan = off \; SET LOCAL enable_seqscan = off \;
SELECT coalesce(min(id), 0) AS rid FROM (SELECT id FROM wallet.outbox WHERE published_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c \gset
UPDATE wallet.outbox SET published_at = now() WHERE id = :rid \; COMMIT;
