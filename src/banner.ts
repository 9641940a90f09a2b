// What a person starting Souk in development reads once it listens: where the shop, the API docs
// and the mailbox are, and the demo accounts. Production prints nothing but its JSON log lines.
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { DEMO_ACCOUNTS } from './demo.ts';
import { isLoopback } from './modules/mail/index.ts';

/** Whether only this machine can connect to HOST. */
const localOnly = (host: string): boolean => isLoopback(host) || host === 'localhost';

/** Whether the mailbox is on while Souk listens beyond this machine (it still answers only this machine). */
export function mailboxExposed(config: Pick<Config, 'devMailbox' | 'host'>): boolean {
  return config.devMailbox && !localOnly(config.host);
}

export function startBanner(
  config: Pick<Config, 'host' | 'port' | 'devMailbox' | 'seedDemo' | 'databaseUrl' | 'dataDir'>,
  address: AddressInfo | string | null,
): string {
  const port = typeof address === 'object' && address ? address.port : config.port;
  const local = `http://${isLoopback(config.host) || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  const lines = [
    '',
    `  Souk is running at ${local}`,
    '',
    `  Shop         ${local}/`,
    `  API docs     ${local}/api/docs`,
  ];
  if (config.devMailbox)
    lines.push(`  Mailbox      ${local}/dev/mailbox   (mail is not sent; only this machine can read it)`);
  lines.push(`  Database     ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}`);
  if (config.seedDemo) {
    lines.push('', '  Demo accounts');
    for (const [role, account] of Object.entries(DEMO_ACCOUNTS))
      lines.push(`    ${role.padEnd(8)} ${account.email}   password ${account.password}`);
  }
  lines.push(
    '',
    `  ${localOnly(config.host) ? 'Only this machine can connect (HOST=0.0.0.0 opens it to the network; see README).' : `Listening on ${config.host}: other machines can connect.`}`,
    '',
  );
  return `${lines.join('\n')}\n`;
}
