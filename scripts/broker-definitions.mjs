#!/usr/bin/env node
// Writes the broker users' provisioning files from the contracts (npm run broker:definitions):
// deploy/rabbitmq/permissions.tsv (scripts/ensure-infra.sh) and deploy/rabbitmq/definitions.json (compose's RabbitMQ).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromBuild } from './dist-import.mjs';

const { brokerDefinitions, brokerPermissionsTsv } = await fromBuild('libs/contracts/src/index.js');
const dir = fileURLToPath(new URL('../deploy/rabbitmq/', import.meta.url));
writeFileSync(`${dir}permissions.tsv`, brokerPermissionsTsv());
writeFileSync(`${dir}definitions.json`, `${JSON.stringify(brokerDefinitions(), null, 2)}\n`);
process.stdout.write(`wrote ${dir}permissions.tsv and definitions.json\n`);
