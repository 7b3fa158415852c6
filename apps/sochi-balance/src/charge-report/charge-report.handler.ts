import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tyiyn } from '#money';
import { CLOCK, recordAudit, type Actor, type Clock } from '#platform';
import { decideCharge } from '../domain/report-charge.js';
import { chargeLedger } from '../persistence/ledger-rows.js';
import { CHARGE_COLUMNS } from './charge.view.js';
import type { ChargeReportRequest } from './charge-report.request.js';

export type ChargeResult =
  | { kind: 'organization-not-found' }
  | { kind: 'report-id-reused' }
  | { kind: 'replayed'; charge: Record<string, any>; balance: Tyiyn }
  | { kind: 'created'; charge: Record<string, any>; balance: Tyiyn };

/** Charges a report to the СОЧИ balance at once, or queues it as AWAITING_PAYMENT; once per report id. */
@Injectable()
export class ChargeReportHandler {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(inn: string, request: ChargeReportRequest, actor: Actor): Promise<ChargeResult> {
    return this.db.transaction(async (tx): Promise<ChargeResult> => {
      // The organization row lock serializes charges with top-ups (and their settlement) of the same balance.
      const [org] = await tx.query(`SELECT balance FROM organizations WHERE inn = $1 FOR UPDATE`, [inn]);
      if (!org) return { kind: 'organization-not-found' };
      const now = this.clock.now();
      const balance = BigInt(org.balance);
      const [existing] = await tx.query(`SELECT ${CHARGE_COLUMNS} FROM report_charges WHERE report_id = $1`, [
        request.reportId,
      ]);
      const decision = decideCharge(
        existing ? { inn: existing.inn, description: existing.description, price: BigInt(existing.price) } : null,
        { ...request, inn },
        balance,
      );
      switch (decision.kind) {
        case 'report-id-reused':
          return { kind: 'report-id-reused' };
        case 'replay':
          return { kind: 'replayed', charge: existing, balance };
        case 'await-payment': {
          const [charge] = await tx.query(
            `INSERT INTO report_charges (report_id, inn, description, price, status) VALUES ($1, $2, $3, $4, 'AWAITING_PAYMENT') RETURNING ${CHARGE_COLUMNS}`,
            [request.reportId, inn, request.description, request.price.toString()],
          );
          await recordAudit(
            tx,
            actor,
            {
              action: 'report.charged',
              subject: `report:${request.reportId}`,
              before: null,
              after: { inn, price: request.price.toString(), status: 'AWAITING_PAYMENT' },
            },
            now,
          );
          return { kind: 'created', charge, balance };
        }
        case 'charge': {
          const [charge] = await tx.query(
            `INSERT INTO report_charges (report_id, inn, description, price, status, paid_at) VALUES ($1, $2, $3, $4, 'PAID', $5)
             RETURNING ${CHARGE_COLUMNS}`,
            [request.reportId, inn, request.description, request.price.toString(), now],
          );
          await chargeLedger(tx, inn, request.reportId, request.price, decision.balanceAfter, now);
          await tx.query(`UPDATE organizations SET balance = $2 WHERE inn = $1`, [
            inn,
            decision.balanceAfter.toString(),
          ]);
          await recordAudit(
            tx,
            actor,
            {
              action: 'report.charged',
              subject: `report:${request.reportId}`,
              before: { balance: balance.toString() },
              after: {
                inn,
                price: request.price.toString(),
                status: 'PAID',
                balance: decision.balanceAfter.toString(),
              },
            },
            now,
          );
          return { kind: 'created', charge, balance: decision.balanceAfter };
        }
      }
    });
  }
}
