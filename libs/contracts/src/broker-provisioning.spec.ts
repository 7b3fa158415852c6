import { readFileSync } from 'node:fs';
import { brokerDefinitions, brokerPermissionsTsv, rabbitSha256Hash } from './broker-provisioning.js';

const deploy = new URL('../../../deploy/rabbitmq/', import.meta.url);

describe('broker provisioning files (deploy/rabbitmq)', () => {
  it('are what the contracts derive: run `npm run broker:definitions` after changing a contract', () => {
    expect(readFileSync(new URL('permissions.tsv', deploy), 'utf8')).toBe(brokerPermissionsTsv());
    expect(JSON.parse(readFileSync(new URL('definitions.json', deploy), 'utf8'))).toEqual(brokerDefinitions());
  });

  it("hash passwords as RabbitMQ's rabbit_password_hashing_sha256 does", () => {
    // What RabbitMQ 3.10 itself stored for password "test12" (rabbitmqctl export_definitions); its salt is the first 4 bytes.
    const stored = '2vtdWtSZXUuWQ79dlKpAe87ob63asHFI+S5QSqC/L6jmeLLt';
    expect(rabbitSha256Hash('test12', Buffer.from(stored, 'base64').subarray(0, 4))).toBe(stored);
  });
});
