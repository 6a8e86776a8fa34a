// allowed: another lib through its alias
export * from '@ot/domain';
