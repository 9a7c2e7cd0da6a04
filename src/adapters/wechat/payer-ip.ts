const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The payer's address as WeChat Pay's `spbill_create_ip` takes it. Node reports IPv4 clients as
 * `::ffff:1.2.3.4`; what is still not an IPv4 address (IPv6, nothing) becomes 127.0.0.1.
 */
export function payerIp(ip: string): string {
  const plain = ip.replace(/^::ffff:/, '');
  return IPV4.test(plain) ? plain : '127.0.0.1';
}
