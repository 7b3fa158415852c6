import { z } from 'zod';
import { defineEvent } from '../event-definition.js';
import { inn, timestamp } from '../wire-types.js';

/** A report's id as Dos Tek's reporting system gives it. */
export const reportId = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);

/** A top-up paid reports that were awaiting payment: they can be sent now. */
export const SochiReportsReleasedV1 = defineEvent({
  type: 'sochi.reports-released',
  version: 1,
  producer: 'sochi-balance',
  consumers: [],
  summary:
    'Reports that were awaiting payment were charged to the СОЧИ balance after a top-up, oldest first, and can be sent now.',
  schema: z.object({ inn, reportIds: z.array(reportId).min(1), releasedAt: timestamp }),
});
