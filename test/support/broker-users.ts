import { brokerUserOf, developmentBrokerPassword, type ServiceName } from '#contracts';

/** The same broker URL (host, vhost) as another user, with that user's development password. */
export function amqpUrlAs(url: string, user: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(developmentBrokerPassword(user));
  return u.toString();
}

/** A service's own broker URL on the test vhost (or the given URL's vhost): its user, its development password. */
export function serviceAmqpUrl(service: ServiceName, url: string): string {
  return amqpUrlAs(url, brokerUserOf(service));
}
