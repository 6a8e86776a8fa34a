/**
 * One object per distinct key, the first one made: thousands of open orders share a route, a day or a forecast's
 * days, and a copy each costs every order's heap. Bounded: past `max` keys the table starts anew; objects already
 * handed out stay valid (they are never changed), later ones are shared anew.
 */
export class InternTable<T> {
  private readonly kept = new Map<string, T>();

  constructor(private readonly max = 100_000) {}

  /** The object kept under `key`, or `make()`'s, kept from now on. */
  intern(key: string, make: () => T): T {
    const known = this.kept.get(key);
    if (known !== undefined) return known;
    if (this.kept.size >= this.max) this.kept.clear();
    const made = make();
    this.kept.set(key, made);
    return made;
  }
}
