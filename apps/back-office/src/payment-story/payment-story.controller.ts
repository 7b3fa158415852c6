import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ApiError, ZodPipe } from '#platform';
import { paymentStory } from '../domain/payment-story.js';
import { ServiceApi } from '../services/service-api.js';
import { SignedInGuard, Staff } from '../session/signed-in.guard.js';
import type { StaffSession } from '../session/staff-session.js';

interface Payment {
  id: string;
  phone: string;
  service: 'SOCHI' | 'ECP';
  account: string;
  steps: { stage: string; reason: string | null; at: string }[];
}
interface Timeline {
  payment: Record<string, unknown>;
  events: { at: string; service: string; step: string; reason: string | null }[];
}
interface WalletLine {
  kind: string;
  amount: string;
  balanceAfter: string;
  paymentId: string | null;
  createdAt: string;
}
interface SochiCredit {
  paymentId: string;
  amount: string;
  balanceAfter?: string | null;
  at?: string;
  creditedAt?: string;
}
interface Invoice {
  number: string;
  status: string;
  paymentId: string | null;
  history: { status: string; at: string; cause: string | null }[];
}

/**
 * A payment's page in one call: the payment, its story across the four services, the wallet's ledger lines for it and
 * the payee's line (the СОЧИ credit or the ЭЦП invoice). A part a service cannot give is null, and the page says so.
 */
@Controller('api/payments')
@UseGuards(SignedInGuard)
export class PaymentStoryController {
  constructor(private readonly services: ServiceApi) {}

  @Get(':id/story')
  async story(@Param('id', new ZodPipe(z.uuid(), 'id')) id: string, @Staff() staff: StaffSession) {
    const [payment, timeline] = await Promise.all([
      this.services.read<Payment>('payment-router', `/v1/payments/${id}`, staff.token),
      this.services.read<Timeline>('payment-router', `/v1/payments/${id}/timeline`, staff.token),
    ]);
    if (!payment.ok)
      throw new ApiError(
        payment.status === 404 ? 404 : 502,
        payment.problem.code ?? 'PAYMENT_UNAVAILABLE',
        payment.problem.detail ?? `payment ${id}`,
      );
    const p = payment.value;
    const [walletLines, sochiCredits, invoice] = await Promise.all([
      this.walletLines(p, staff.token),
      p.service === 'SOCHI' ? this.sochiCredits(p, staff.token) : Promise.resolve(null),
      p.service === 'ECP'
        ? this.services.read<Invoice>('ecp-invoicing', `/v1/ecp/invoices/${p.account}`, staff.token)
        : Promise.resolve(null),
    ]);
    // The router's timeline names the invoice's payment and signature already; its own history fills in only without it.
    const invoiceHistory =
      !timeline.ok && invoice?.ok && invoice.value.paymentId === id
        ? invoice.value.history.filter((h) => h.status !== 'ISSUED')
        : [];
    const router = timeline.ok
      ? timeline.value.events
      : p.steps.map((s) => ({ at: s.at, step: s.stage, reason: s.reason }));
    return {
      payment: timeline.ok ? { ...p, ...timeline.value.payment } : p,
      timelineFromRouter: timeline.ok,
      events: paymentStory({
        router,
        walletLines: walletLines ?? [],
        sochiCredits: (sochiCredits ?? []).map((c) => ({ amount: c.amount, at: (c.at ?? c.creditedAt)! })),
        invoiceHistory,
      }),
      walletLines,
      sochiCredits,
      invoice: invoice?.ok ? invoice.value : null,
    };
  }

  private async walletLines(p: Payment, token: string): Promise<WalletLine[] | null> {
    const read = await this.services.read<{ items: WalletLine[] }>(
      'wallet',
      `/v1/wallets/${p.phone}/operations?paymentId=${p.id}`,
      token,
    );
    // Filtered again here: a wallet without the paymentId filter answers its latest lines.
    return read.ok ? read.value.items.filter((l) => l.paymentId === p.id) : null;
  }

  private async sochiCredits(p: Payment, token: string): Promise<SochiCredit[] | null> {
    const credits = await this.services.read<{ items: SochiCredit[] }>(
      'sochi-balance',
      `/v1/sochi/credits?paymentId=${p.id}`,
      token,
    );
    if (credits.ok) return credits.value.items;
    const organization = await this.services.read<{ credits: SochiCredit[] }>(
      'sochi-balance',
      `/v1/sochi/organizations/${p.account}`,
      token,
    );
    return organization.ok ? organization.value.credits.filter((c) => c.paymentId === p.id) : null;
  }
}
