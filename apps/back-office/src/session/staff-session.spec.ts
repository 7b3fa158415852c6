import { describe, expect, it } from '@jest/globals';
import type { Clock } from '#platform';
import { SESSION_ABSOLUTE_S, SESSION_IDLE_S, SessionSealer, type StaffSession } from './staff-session.js';

class SetClock implements Clock {
  constructor(public at: number) {}
  now(): Date {
    return new Date(this.at * 1000);
  }
}

const T = 1_900_000_000;
const staff: StaffSession = { token: 't', subject: 's', name: 'Айгуль', roles: ['auditor'], expiresAt: T + 86_400 };

describe('SessionSealer', () => {
  it('ends a session after the idle time without renewal', async () => {
    const clock = new SetClock(T);
    const sealer = new SessionSealer('a-secret-of-at-least-32-characters-long', clock);
    const { value, expiresAt } = await sealer.seal(staff);
    expect(expiresAt).toBe(T + SESSION_IDLE_S);
    clock.at = T + SESSION_IDLE_S - 1;
    expect(await sealer.open(value)).toMatchObject({ roles: ['auditor'], signedInAt: T });
    clock.at = T + SESSION_IDLE_S;
    expect(await sealer.open(value)).toBeNull();
  });

  it('ends a renewed session at its absolute lifetime, and never after the token', async () => {
    const clock = new SetClock(T);
    const sealer = new SessionSealer('a-secret-of-at-least-32-characters-long', clock);
    let { value } = await sealer.seal(staff);
    while (clock.at + SESSION_IDLE_S / 2 < T + SESSION_ABSOLUTE_S) {
      clock.at += SESSION_IDLE_S / 2;
      const session = await sealer.open(value);
      expect(session).not.toBeNull();
      ({ value } = await sealer.seal(session!));
    }
    clock.at = T + SESSION_ABSOLUTE_S;
    expect(await sealer.open(value)).toBeNull();
    clock.at = T;
    expect((await sealer.seal({ ...staff, expiresAt: T + 60 })).expiresAt).toBe(T + 60);
  });

  it('opens no value sealed for the sign-in under way as a session', async () => {
    const sealer = new SessionSealer('a-secret-of-at-least-32-characters-long', new SetClock(T));
    const pending = await sealer.sealPending({ verifier: 'v', state: 's' }, T + 600);
    expect(await sealer.open(pending)).toBeNull();
    expect(await sealer.openPending(pending)).toEqual(expect.objectContaining({ verifier: 'v' }));
  });
});
