import type { Provider, Type } from '@nestjs/common';
import { DelayBoardRunner } from './delay-board.runner';

/** What the ops console adds to AppModule: its routes and the board's projection runner. */
export const OPS_CONSOLE_CONTROLLERS: Type[] = [];
export const OPS_CONSOLE_PROVIDERS: Provider[] = [DelayBoardRunner];
