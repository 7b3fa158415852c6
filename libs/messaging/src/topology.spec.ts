import { describe, expect, it } from '@jest/globals';
import { quorumReplicasFor } from './topology.js';

describe('quorumReplicasFor: a quorum queue on every listed node', () => {
  it('declares no group size for one broker, as the single node always had it', () => {
    expect(quorumReplicasFor(['amqp://127.0.0.1:5672'])).toBeUndefined();
  });

  it('declares one replica a node for a cluster', () => {
    expect(quorumReplicasFor(['amqp://a', 'amqp://b', 'amqp://c'])).toBe(3);
  });
});
