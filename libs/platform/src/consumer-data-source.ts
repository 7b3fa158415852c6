import { getDataSourceToken } from '@nestjs/typeorm';

/** The consumers' DataSource's name: a pool of its own, so that an HTTP burst cannot take every connection. */
export const CONSUMERS_CONNECTION = 'consumers';

/** What message handlers inject (`@Inject(CONSUMER_DATA_SOURCE) db: DataSource`) instead of the HTTP pool's DataSource. */
export const CONSUMER_DATA_SOURCE = getDataSourceToken(CONSUMERS_CONNECTION);
