#!/usr/bin/env node
// Prints a curl config that sends one request signed as the development partner (RFC 9421), for curl -K -:
//   node scripts/sign-request.mjs POST http://127.0.0.1:3000/v1/payments '{"phone":…}' 'Idempotency-Key: 42' | curl -s -K -
// Other partners: PARTNER_KEYID and PARTNER_SECRET in the environment.
import { fromBuild } from './dist-import.mjs';

const { DEVELOPMENT_PARTNER, signedHeaders } = await fromBuild('libs/platform/src/auth/index.js');
const [method, url, body, ...extra] = process.argv.slice(2);
if (!method || !url) {
  process.stderr.write(
    "usage: node scripts/sign-request.mjs METHOD URL ['JSON body' | ''] ['Header: value' …] | curl -s -K -\n",
  );
  process.exit(2);
}
const key = {
  keyid: process.env.PARTNER_KEYID ?? DEVELOPMENT_PARTNER.keyid,
  secret: process.env.PARTNER_SECRET ?? DEVELOPMENT_PARTNER.secret,
};
const data = body || undefined;
// The request's own headers are signed too (Content-Type, Idempotency-Key): they are sent exactly as signed.
const sent = { ...(data !== undefined ? { 'Content-Type': 'application/json' } : {}) };
for (const header of extra) {
  const at = header.indexOf(':');
  sent[header.slice(0, at).trim()] = header.slice(at + 1).trim();
}
const headers = await signedHeaders(key, { method, url, body: data, headers: sent });
// curl's config syntax: a quoted value with \" and \\ escaped.
const quote = (v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const lines = [`url = ${quote(url)}`, `request = ${quote(method.toUpperCase())}`];
for (const [name, value] of Object.entries({ ...sent, ...headers }))
  lines.push(`header = ${quote(`${name}: ${value}`)}`);
if (data !== undefined) lines.push(`data-binary = ${quote(data)}`);
process.stdout.write(`${lines.join('\n')}\n`);
