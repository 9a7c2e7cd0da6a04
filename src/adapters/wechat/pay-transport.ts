import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { BodyTooLarge, readTextLimited } from './http-body.js';
import type { ClientCertificate } from './wechat.config.js';

export interface TransportAnswer {
  readonly status: number;
  readonly text: string;
}

/** POSTs an XML body with fetch; a `TimeoutError` when `timeoutMs` passes first. */
export async function postXml(fetchImpl: typeof fetch, url: string, body: string, timeoutMs: number, limit: number): Promise<TransportAnswer> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  return { status: response.status, text: await readTextLimited(response, limit) };
}

export interface CertificateOptions {
  readonly certificate: ClientCertificate;
  /** Extra trusted CA (PEM) instead of the system's, for tests against a local TLS server. */
  readonly trustedCa?: string;
}

/** POSTs with the merchant certificate (mutual TLS), as WeChat requires on `/secapi/…`. */
export function postXmlWithCertificate(url: string, body: string, timeoutMs: number, limit: number, tls: CertificateOptions): Promise<TransportAnswer> {
  const credentials =
    'p12Path' in tls.certificate
      ? { pfx: readFileSync(tls.certificate.p12Path), passphrase: tls.certificate.passphrase }
      : { cert: readFileSync(tls.certificate.certPath), key: readFileSync(tls.certificate.keyPath) };
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) },
        ...credentials,
        ...(tls.trustedCa ? { ca: tls.trustedCa } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            response.destroy(new BodyTooLarge(limit));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', (error) => {
      // Node reports an aborted request as AbortError; the caller treats both as a timeout.
      reject(error);
    });
    request.end(body);
  });
}
