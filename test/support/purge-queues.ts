import amqp from 'amqplib';
import { TOPOLOGY } from '#contracts';
import { assertTopology } from '#messaging';

/**
 * Declares the whole topology on a vhost and empties every queue, parking queues included: a run of the whole system
 * then starts without what an earlier test left on the vhost (which its services would park, and the parked
 * messages would hold the inbox retention back).
 */
export async function purgeQueues(amqpUrl: string): Promise<void> {
  const conn = await amqp.connect(amqpUrl);
  try {
    const ch = await conn.createChannel();
    await assertTopology(ch);
    for (const q of TOPOLOGY) {
      await ch.purgeQueue(q.queue);
      await ch.purgeQueue(q.parkingQueue);
    }
  } finally {
    await conn.close();
  }
}
