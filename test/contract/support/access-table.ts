/** One endpoint and who may call it, as its OpenAPI operation's x-access says. */
export interface EndpointAccess {
  service: string;
  method: string;
  path: string;
  summary: string;
  access: { open: true } | { partners: string[]; staff: string[] };
}

/** Every operation of the services' OpenAPI documents with its x-access (an operation without one is an error). */
export function endpointsOf(docs: Map<string, any>): EndpointAccess[] {
  const out: EndpointAccess[] = [];
  for (const [service, doc] of docs) {
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!op['x-access']) throw new Error(`${service} ${method.toUpperCase()} ${path} has no access rule`);
        out.push({ service, method: method.toUpperCase(), path, summary: op.summary ?? '', access: op['x-access'] });
      }
    }
  }
  return out;
}

/** The table of docs/security-endpoints.md. */
export function accessTable(docs: Map<string, any>): string {
  const rows = endpointsOf(docs).map(({ service, method, path, summary, access }) => {
    const partners = 'open' in access ? 'anyone' : access.partners.map((s) => `\`${s}\``).join(', ') || '—';
    const staff =
      'open' in access
        ? 'anyone'
        : access.staff.length === 5
          ? 'any role'
          : access.staff.map((r) => `\`${r}\``).join(', ') || '—';
    return `| ${service} | \`${method} ${path}\` | ${partners} | ${staff} | ${summary.replace(/\|/g, '\\|')} |`;
  });
  return [
    '# Who may call each endpoint',
    '',
    "Generated from the services' OpenAPI documents (`x-access`) by `npm run docs:contracts`; CI fails when it is out of",
    'step. Partner scopes are held by signing keys (RFC 9421), staff roles by staff tokens; see [security.md](security.md).',
    '',
    '| service | endpoint | partner scopes | staff roles | what |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
