import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PARKED_MESSAGES_TABLE_DOWN, PARKED_MESSAGES_TABLE_UP } from '#messaging';

/** The parked-message store (libs/messaging/src/parked-messages-schema.ts); every service keeps its own. */
export class ParkedMessages1765500000000 implements MigrationInterface {
  name = 'ParkedMessages1765500000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of PARKED_MESSAGES_TABLE_UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of PARKED_MESSAGES_TABLE_DOWN) await q.query(sql);
  }
}
