import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tyiyn } from '#money';
import type { Office } from '../domain/invoice.js';
import { allocateInvoiceNumber } from '../domain/invoice-number.js';
import { recordTransition } from '../persistence/invoice-rows.js';

export interface IssueInvoice {
  clientName: string;
  inn: string;
  office: Office;
  amount: Tyiyn;
}

export interface IssuedInvoice extends IssueInvoice {
  number: string;
  issuedAt: Date;
}

/** Issues the invoice a new client pays from MegaPay: a fresh unique number and its ISSUED transition, together. */
@Injectable()
export class IssueInvoiceHandler {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async handle(command: IssueInvoice): Promise<IssuedInvoice> {
    const issuedAt = new Date();
    return this.db.transaction(async (tx) => {
      const number = await allocateInvoiceNumber(async (candidate) => {
        const rows = await tx.query(
          `INSERT INTO invoices (number, client_name, inn, office, amount, issued_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (number) DO NOTHING RETURNING 1`,
          [candidate, command.clientName, command.inn, command.office, command.amount.toString(), issuedAt],
        );
        return rows.length === 1;
      });
      await recordTransition(tx, number, 'ISSUED', issuedAt, `office:${command.office}`);
      return { ...command, number, issuedAt };
    });
  }
}
