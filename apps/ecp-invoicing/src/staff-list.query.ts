import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { INVOICE_STATUSES, OFFICES, type InvoiceStatus } from './domain/invoice.js';

/** The filters and page every staff list of ЭЦП takes: invoice status now (one or a comma list), office, page. */
export const staffListQueryShape = {
  status: z
    .string()
    .transform((text, ctx) => {
      const names = text.split(',');
      const unknown = names.filter((n) => !(INVOICE_STATUSES as readonly string[]).includes(n));
      if (unknown.length === 0) return [...new Set(names)] as InvoiceStatus[];
      ctx.addIssue({
        code: 'custom',
        message: `not a status: ${unknown.join(', ')}; one or more of ${INVOICE_STATUSES.join(', ')}`,
        params: { code: 'INVALID_STATUS' },
      });
      return z.NEVER;
    })
    .optional(),
  office: z.enum(OFFICES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** The same, for the OpenAPI document. */
export const ApiStaffListQueries = () =>
  applyDecorators(
    ApiQuery({
      name: 'status',
      required: false,
      schema: { type: 'string' },
      description: `${INVOICE_STATUSES.join(', ')}; several separated by commas`,
      example: 'ISSUED,PRODUCTION_FAILED',
    }),
    ApiQuery({ name: 'office', required: false, schema: { type: 'string', enum: [...OFFICES] } }),
    ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 } }),
    ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }),
  );
