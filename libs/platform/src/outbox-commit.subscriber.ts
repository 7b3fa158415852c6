import {
  EventSubscriber,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { takeDeferredOutboxRows, type Outbox } from '#messaging';

/**
 * A TypeORM subscriber that lets the outbox defer its writes to the end of the transaction: just before COMMIT it
 * writes the rows appended meanwhile (one multi-row INSERT), after the outermost COMMIT it wakes this process's relay
 * (no NOTIFY, no waiting for the relay's poll), and on rollback it forgets them.
 */
export function outboxCommitSubscriber(outbox: Outbox): new () => EntitySubscriberInterface {
  // TypeORM instantiates only classes registered with @EventSubscriber(); this one closes over the service's outbox.
  @EventSubscriber()
  class OutboxCommitSubscriber implements EntitySubscriberInterface {
    constructor() {
      outbox.deferWrites = true;
    }

    async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
      const rows = takeDeferredOutboxRows(event.queryRunner);
      if (rows) await event.queryRunner.query(rows.sql, rows.params);
    }

    afterTransactionCommit(event: TransactionCommitEvent): void {
      if (!event.queryRunner.isTransactionActive) outbox.committed(event.queryRunner);
    }

    afterTransactionRollback(event: TransactionRollbackEvent): void {
      if (!event.queryRunner.isTransactionActive) outbox.rolledBack(event.queryRunner);
    }
  }
  return OutboxCommitSubscriber;
}
