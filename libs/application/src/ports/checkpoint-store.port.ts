/** Where a relay (or any reader of the whole log) remembers how far it got, by name. */
export interface CheckpointStore {
  /** 0 when nothing was saved yet: start from the beginning of the log. */
  load(name: string): Promise<number>;
  save(name: string, position: number): Promise<void>;
}
