/** Brazil's five official regions by state (IBGE): delays are grouped by destination region. */
const REGION_OF: Readonly<Record<string, string>> = {
  AC: 'North', AM: 'North', AP: 'North', PA: 'North', RO: 'North', RR: 'North', TO: 'North',
  AL: 'Northeast', BA: 'Northeast', CE: 'Northeast', MA: 'Northeast', PB: 'Northeast', PE: 'Northeast', PI: 'Northeast', RN: 'Northeast', SE: 'Northeast',
  DF: 'Center-West', GO: 'Center-West', MS: 'Center-West', MT: 'Center-West',
  ES: 'Southeast', MG: 'Southeast', RJ: 'Southeast', SP: 'Southeast',
  PR: 'South', RS: 'South', SC: 'South',
};

export const regionOf = (state: string): string => REGION_OF[state.toUpperCase()] ?? 'unknown';
