const MS_PER_DAY = 86_400_000;

/** Decayed moments of (x, y): the weight, the sums of x and y, of x x^T (upper triangle, row-major), of x y and of y y. */
export type DecayedRidgeSnapshot = { w: number; x: number[]; y: number; xx: number[]; xy: number[]; yy: number; atMs: number };

/**
 * A linear regression of y on x fitted online on every past observation at once, each losing half its weight
 * after `halfLifeDays` (decayed least squares), with a ridge penalty of `strength` pseudo-observations per
 * coefficient in the feature's own scale (so the penalty means the same whatever a feature's unit). It is fitted
 * on centred moments and read centred, `(x - mean x) . beta`: like the layers it joins, it moves an observation
 * against the others, never their level. The coefficients are solved (Cholesky, d^3/6) once per new observation.
 */
export class DecayedRidge {
  private readonly m: DecayedRidgeSnapshot;
  private beta: Float64Array | undefined;
  private mean: Float64Array | undefined;
  private explained: number | undefined;

  constructor(
    readonly dimension: number,
    private readonly halfLifeDays: number,
    private readonly strength: number,
  ) {
    this.m = {
      w: 0,
      x: new Array(dimension).fill(0),
      y: 0,
      xx: new Array((dimension * (dimension + 1)) / 2).fill(0),
      xy: new Array(dimension).fill(0),
      yy: 0,
      atMs: 0,
    };
  }

  /** The decayed count of observations: how much the fit rests on. */
  get weight(): number {
    return this.m.w;
  }

  /** One observation at `atMs` (observations come in time order; an older one counts as of the latest). */
  record(x: ArrayLike<number>, y: number, atMs: number): void {
    const m = this.m;
    const decay = m.w > 0 ? Math.pow(0.5, Math.max(0, atMs - m.atMs) / (this.halfLifeDays * MS_PER_DAY)) : 1;
    const d = this.dimension;
    m.w = m.w * decay + 1;
    m.y = m.y * decay + y;
    m.yy = m.yy * decay + y * y;
    for (let i = 0, k = 0; i < d; i++) {
      m.x[i] = m.x[i] * decay + x[i];
      m.xy[i] = m.xy[i] * decay + x[i] * y;
      for (let j = i; j < d; j++, k++) m.xx[k] = m.xx[k] * decay + x[i] * x[j];
    }
    m.atMs = Math.max(m.atMs, atMs);
    this.beta = undefined;
    this.explained = undefined;
  }

  /** The feature means the fit is centred on (0 before any observation): a missing feature is read at its mean. */
  meanOf(i: number): number {
    return this.m.w > 0 ? this.m.x[i] / this.m.w : 0;
  }

  /** The fitted `(x - mean x) . beta`: 0 before any observation. Decay scales every moment alike, so no instant is needed. */
  predict(x: ArrayLike<number>): number {
    if (!(this.m.w > 0)) return 0;
    const { beta, mean } = this.fit();
    let out = 0;
    for (let i = 0; i < this.dimension; i++) out += (x[i] - mean[i]) * beta[i];
    return out;
  }

  /** The share of y's variance the fit explains (beta' S beta / S_yy, centred; 0..1): what the features know of y. */
  explainedShare(): number {
    if (this.explained !== undefined) return this.explained;
    const { m, dimension: d } = this;
    const varY = m.w > 0 ? m.yy / m.w - (m.y / m.w) ** 2 : 0;
    if (!(varY > 1e-12)) return (this.explained = 0);
    const { beta, mean } = this.fit();
    let fitted = 0;
    for (let i = 0, k = 0; i < d; i++) {
      for (let j = i; j < d; j++, k++) {
        const cov = m.xx[k] / m.w - mean[i] * mean[j];
        fitted += (i === j ? 1 : 2) * beta[i] * beta[j] * cov;
      }
    }
    return (this.explained = Math.min(1, Math.max(0, fitted / varY)));
  }

  /** The coefficients (for tests and diagnostics). */
  coefficients(): number[] {
    return this.m.w > 0 ? [...this.fit().beta] : new Array(this.dimension).fill(0);
  }

  snapshot(): DecayedRidgeSnapshot {
    return DecayedRidge.copy(this.m);
  }

  static restore(snapshot: DecayedRidgeSnapshot | undefined, dimension: number, halfLifeDays: number, strength: number): DecayedRidge {
    const out = new DecayedRidge(dimension, halfLifeDays, strength);
    // a state saved with other features is not this model's: it starts empty
    if (snapshot && snapshot.x.length === dimension && typeof snapshot.yy === 'number') Object.assign(out.m, DecayedRidge.copy(snapshot));
    return out;
  }

  private static copy(s: DecayedRidgeSnapshot): DecayedRidgeSnapshot {
    return { w: s.w, x: [...s.x], y: s.y, xx: [...s.xx], xy: [...s.xy], yy: s.yy, atMs: s.atMs };
  }

  /**
   * The coefficients and the means they are read against (after at least one observation): solves
   * (S + strength diag S) beta = s, S the centred scatter of x and s that of x with y; kept until the next one.
   */
  fit(): { beta: Float64Array; mean: Float64Array } {
    if (this.beta && this.mean) return { beta: this.beta, mean: this.mean };
    const { m, dimension: d } = this;
    const mean = new Float64Array(d);
    for (let i = 0; i < d; i++) mean[i] = m.x[i] / m.w;
    const a = new Float64Array(d * d);
    const rhs = new Float64Array(d);
    for (let i = 0, k = 0; i < d; i++) {
      rhs[i] = m.xy[i] - m.w * mean[i] * (m.y / m.w);
      for (let j = i; j < d; j++, k++) a[i * d + j] = a[j * d + i] = m.xx[k] - m.w * mean[i] * mean[j];
    }
    for (let i = 0; i < d; i++) {
      // a constant feature (no spread) gets a unit diagonal and no coefficient
      const scale = a[i * d + i] > 1e-12 * m.w ? a[i * d + i] / m.w : 0;
      a[i * d + i] += scale > 0 ? this.strength * scale : 1;
      if (scale === 0) {
        rhs[i] = 0;
        for (let j = 0; j < d; j++) if (j !== i) a[i * d + j] = a[j * d + i] = 0;
      }
    }
    const beta = choleskySolve(a, rhs, d);
    this.beta = beta;
    this.mean = mean;
    return { beta, mean };
  }
}

/** Solves a x = b for a symmetric positive definite d x d matrix `a` (row-major; overwritten). */
export function choleskySolve(a: Float64Array, b: ArrayLike<number>, d: number): Float64Array {
  for (let j = 0; j < d; j++) {
    let diag = a[j * d + j];
    for (let k = 0; k < j; k++) diag -= a[j * d + k] * a[j * d + k];
    const l = Math.sqrt(Math.max(diag, 1e-300));
    a[j * d + j] = l;
    for (let i = j + 1; i < d; i++) {
      let v = a[i * d + j];
      for (let k = 0; k < j; k++) v -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = v / l;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < i; k++) x[i] -= a[i * d + k] * x[k];
    x[i] /= a[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    for (let k = i + 1; k < d; k++) x[i] -= a[k * d + i] * x[k];
    x[i] /= a[i * d + i];
  }
  return x;
}
