/**
 * A throwaway CA and two certificates it signs (the server's for 127.0.0.1 and localhost, and a
 * client's), made with the openssl CLI in a test's temporary directory: PEM files, valid 2 days.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureSystemCommand } from './system-deps.js';

const run = promisify(execFile);

export interface TestCertificates {
  readonly caFile: string;
  readonly serverCertFile: string;
  readonly serverKeyFile: string;
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  const openssl = await ensureSystemCommand({ command: 'openssl', aptPackage: 'openssl' });
  const file = (name: string): string => path.join(dir, name);
  const ca = ['-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2'];
  await run(openssl, [
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=bjet-test-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await writeFile(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  await writeFile(file('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    await run(openssl, ['req', ...EC_KEY, '-keyout', file(`${who}.key`), '-out', file(`${who}.csr`), '-subj', `/CN=bjet-test-${who}`]);
    await run(openssl, ['x509', '-req', '-in', file(`${who}.csr`), ...ca, '-out', file(`${who}.pem`), '-extfile', file(`${who}.ext`)]);
  }
  return {
    caFile: file('ca.pem'),
    serverCertFile: file('server.pem'),
    serverKeyFile: file('server.key'),
    clientCertFile: file('client.pem'),
    clientKeyFile: file('client.key'),
  };
}
