import { decide, DomainError, type DomainErrorCode, evolve, initialOrder, type OrderCommand, type OrderEvent } from '@ot/domain';

/** given(past events).when(command).then(new events) | thenThrows(code): the decider's test grammar. */
export function given(...history: OrderEvent[]) {
  return {
    when(command: OrderCommand) {
      const run = () => decide(command, history.reduce(evolve, initialOrder()));
      return {
        then(expected: OrderEvent[]): void {
          expect(run()).toEqual(expected);
        },
        thenThrows(code: DomainErrorCode): void {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          expect((thrown as DomainError).code).toBe(code);
        },
      };
    },
  };
}
