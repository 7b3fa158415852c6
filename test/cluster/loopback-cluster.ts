import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repositoryRoot } from '../support/repository-root.js';

/**
 * The loopback cluster that scripts/cluster/cluster-up.sh started: three RabbitMQ nodes (a, b, c) and two Patroni
 * members behind HAProxy. The test drives it through the same scripts an operator would use.
 */
export const RABBIT_NODES = ['a', 'b', 'c'] as const;
export type RabbitNode = (typeof RABBIT_NODES)[number];
const AMQP_PORTS: Record<RabbitNode, number> = { a: 5681, b: 5682, c: 5683 };
export const CLUSTER_VHOST = process.env.CLUSTER_VHOST ?? 'dostek_cluster';
/** PostgreSQL through HAProxy: always the current primary. */
export const CLUSTER_POSTGRES_URL = process.env.CLUSTER_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5440';

/** Every node as the broker's operator (guest on loopback); the system gives each service its own user on each. */
export const clusterAmqpUrls = (): string[] =>
  RABBIT_NODES.map((n) => `amqp://guest:guest@127.0.0.1:${AMQP_PORTS[n]}/${CLUSTER_VHOST}`);
export const nodeUrl = (n: RabbitNode): string => clusterAmqpUrls()[RABBIT_NODES.indexOf(n)];

const script = async (name: string, ...args: string[]): Promise<string> =>
  (
    await promisify(execFile)('bash', [`${repositoryRoot}/scripts/cluster/${name}`, ...args], { timeout: 180_000 })
  ).stdout.trim();

export const rabbit = {
  kill: (n: RabbitNode) => script('rabbit-node.sh', 'kill', n),
  start: (n: RabbitNode) => script('rabbit-node.sh', 'start', n),
  stopApp: (n: RabbitNode) => script('rabbit-node.sh', 'stop-app', n),
  startApp: (n: RabbitNode) => script('rabbit-node.sh', 'start-app', n),
  /** The node leading most of the vhost's quorum queues (asked of a node that is up). */
  async leaderOfMost(askAt: RabbitNode = 'a'): Promise<RabbitNode> {
    const { stdout } = await promisify(execFile)(
      'rabbitmqctl',
      [
        '-q',
        '-n',
        `dostek-${askAt}@localhost`,
        'list_queues',
        '-p',
        CLUSTER_VHOST,
        'name',
        'leader',
        '--formatter',
        'json',
      ],
      { timeout: 60_000 },
    );
    const count = new Map<RabbitNode, number>();
    for (const q of JSON.parse(stdout) as Array<{ leader: string }>) {
      const node = q.leader.replace(/^dostek-(\w)@.*$/, '$1') as RabbitNode;
      count.set(node, (count.get(node) ?? 0) + 1);
    }
    return [...count.entries()].sort((x, y) => y[1] - x[1])[0][0];
  },
  /** How many nodes run the RabbitMQ application. */
  async running(askAt: RabbitNode = 'a'): Promise<number> {
    const { stdout } = await promisify(execFile)(
      'rabbitmqctl',
      ['-q', '-n', `dostek-${askAt}@localhost`, 'cluster_status', '--formatter', 'json'],
      { timeout: 60_000 },
    );
    return (JSON.parse(stdout) as { running_nodes: string[] }).running_nodes.length;
  },
};

export const postgres = {
  leader: () => script('pg-status.sh', 'leader'),
  healthy: () =>
    script('pg-status.sh', 'healthy').then(
      () => true,
      () => false,
    ),
  kill: (member: string) => script('pg-node.sh', 'kill', member),
  start: (member: string) => script('pg-node.sh', 'start', member),
};
