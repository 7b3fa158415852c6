import { brokerPermissionsOf, brokerUserOf, serviceOfBrokerUser } from './broker-users.js';

const matches = (regex: string, name: string) => new RegExp(regex).test(name);

describe('broker users', () => {
  it('one user per service, and back', () => {
    expect(brokerUserOf('sochi-balance')).toBe('dostek-sochi-balance');
    expect(serviceOfBrokerUser('dostek-wallet')).toBe('wallet');
    expect(serviceOfBrokerUser('guest')).toBeUndefined();
  });

  it('a service may declare, bind, consume and park only on its own queues and the shared exchanges', () => {
    const p = brokerPermissionsOf('wallet');
    for (const name of ['dostek.events', 'dostek.parking', 'wallet.events', 'wallet.parking']) {
      expect({
        name,
        configure: matches(p.configure, name),
        write: matches(p.write, name),
        read: matches(p.read, name),
      }).toEqual({ name, configure: true, write: true, read: true });
    }
    for (const name of [
      'sochi-balance.events',
      'payment-router.parking',
      'wallet.events2',
      'xwallet.events',
      'amq.topic',
      '',
    ]) {
      expect({
        name,
        configure: matches(p.configure, name),
        write: matches(p.write, name),
        read: matches(p.read, name),
      }).toEqual({ name, configure: false, write: false, read: false });
    }
  });
});
