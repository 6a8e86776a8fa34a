export const suite = 'suite';
