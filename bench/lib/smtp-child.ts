// A local SMTP server (the `smtp-server` package) in its own process, so the process under test
// keeps its cores: it accepts every mail and tells the parent, over IPC, the Message-ID and
// subject of each one as its end of DATA is answered, after `replyDelayMs` (argv[2]; a remote
// relay's round trip and queueing; 0 by default). Started by smtp.ts.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

const send = (message: unknown) => process.send!(message);
const replyDelayMs = Number(process.argv[2] ?? 0);

function headerOf(head: string, name: string): string {
  const match = head.match(new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im'));
  return match ? match[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // Pools keep their connections; this server is the only one they talk to.
  maxClients: 1000,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 4096 && !/\r?\n\r?\n/.test(head)) head += chunk.toString('utf8');
    });
    stream.on('end', () => {
      const accept = () => {
        callback();
        send({ messageId: headerOf(head, 'message-id'), subject: headerOf(head, 'subject') });
      };
      if (replyDelayMs > 0) setTimeout(accept, replyDelayMs);
      else accept();
    });
  },
});

server.listen(0, '127.0.0.1', () => send({ port: (server.server.address() as AddressInfo).port }));
process.on('disconnect', () => server.close(() => process.exit(0)));
