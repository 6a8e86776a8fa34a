import type { Provider, Type } from '@nestjs/common';
import { BoardController } from './api/board.controller';
import { ListedRows } from './api/listed-rows';
import { OrderStoryController } from './api/order-story.controller';
import { DelayBoardRunner } from './delay-board.runner';
import { BoardLiveController } from './live/board-live.controller';
import { PageController } from './page/page.controller';
import { OpsConsoleGuard } from './session/ops-console.guard';
import { CsrfTokens } from './session/ops-session';
import { SessionController } from './session/session.controller';

/** What the ops console adds to AppModule: its routes and the board's projection runner. */
export const OPS_CONSOLE_CONTROLLERS: Type[] = [SessionController, BoardController, OrderStoryController, BoardLiveController, PageController];
export const OPS_CONSOLE_PROVIDERS: Provider[] = [DelayBoardRunner, CsrfTokens, OpsConsoleGuard, ListedRows];
