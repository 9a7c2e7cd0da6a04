/** A lease as the lease columns hold one: free when there is none or its time has come. */
export function leaseFree<K>(leases: Map<K, Date>, key: K, now: Date): boolean {
  return (leases.get(key)?.getTime() ?? 0) <= now.getTime();
}

/** Compare-and-set on a lease: takes it until `until` if it is free at `now`. */
export function claimLease<K>(leases: Map<K, Date>, key: K, now: Date, until: Date): boolean {
  if (!leaseFree(leases, key, now)) return false;
  leases.set(key, until);
  return true;
}
