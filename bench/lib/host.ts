import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { median, round } from './stats.js';

const run = promisify(execFile);
const PG_TEST_FSYNC = process.env.PG_TEST_FSYNC ?? '/usr/lib/postgresql/15/bin/pg_test_fsync';

export interface DiskFlush {
  /** The line of pg_test_fsync for the method PostgreSQL uses by default on Linux (fdatasync), as printed. */
  line: string;
  opsPerSecond: number;
  usecPerOp: number;
}

/** pg_test_fsync for one second per method on a temporary file: how long one WAL flush takes on this disk. */
export async function diskFlush(): Promise<DiskFlush | undefined> {
  const dir = mkdtempSync(`${tmpdir()}/bench-fsync-`);
  try {
    const { stdout } = await run(PG_TEST_FSYNC, ['-s', '1', '-f', `${dir}/probe`], { timeout: 60_000 });
    const line = stdout
      .split('\n')
      .find((l) => /^\s*fdatasync\s/.test(l))
      ?.trim();
    const m = line && /([\d.]+) ops\/sec\s+([\d.]+) usecs\/op/.exec(line);
    if (!line || !m) return undefined;
    return { line: line.replace(/\s+/g, ' '), opsPerSecond: Number(m[1]), usecPerOp: Number(m[2]) };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface BrokerRoundTrip {
  /** Median ms from a persistent publish (with confirm) to its delivery, one message at a time. */
  classicMs: number;
  quorumMs: number;
  messages: number;
}

/** One message at a time through a temporary queue on the bench's vhost: publish (persistent, confirmed) → consume. */
export async function brokerRoundTrip(amqpUrl: string, messages = 200): Promise<BrokerRoundTrip> {
  // Without TCP_NODELAY a lone frame waits for the peer's delayed ACK (~40 ms): that would be Nagle, not the broker.
  const conn = await amqp.connect(amqpUrl, { noDelay: true });
  try {
    const ch = await conn.createConfirmChannel();
    const measure = async (queue: string) => {
      const times: number[] = [];
      let arrived: (() => void) | undefined;
      await ch.consume(queue, (m) => {
        if (m) ch.ack(m);
        arrived?.();
      });
      for (let i = 0; i < messages; i++) {
        const t = performance.now();
        const delivered = new Promise<void>((r) => (arrived = r));
        ch.sendToQueue(queue, Buffer.from(String(i)), { persistent: true });
        await Promise.all([ch.waitForConfirms(), delivered]);
        times.push(performance.now() - t);
      }
      return round(median(times), 2);
    };
    const classic = await ch.assertQueue('', { exclusive: true, autoDelete: true });
    const classicMs = await measure(classic.queue);
    const quorumName = `bench.round-trip.${process.pid}`;
    await ch.assertQueue(quorumName, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    try {
      const quorumMs = await measure(quorumName);
      return { classicMs, quorumMs, messages };
    } finally {
      await ch.deleteQueue(quorumName);
    }
  } finally {
    await conn.close();
  }
}
