// violation: a domain file doing I/O
export { readFileSync } from 'node:fs';
