import type { BoardTrends, ModelFigures } from '@ot/application';
import type Database from 'better-sqlite3';

/** Monday of the week a day falls in: the aggregates' week key. */
const WEEK = (day: string) => `date(${day}, '-6 days', 'weekday 1')`;

/** Time series over every row the log produced, open and closed. */
export function trends(db: Database.Database): BoardTrends {
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  return {
    onTimeByWeek: all<BoardTrends['onTimeByWeek'][number]>(
      `SELECT ${WEEK('delivered_day')} AS week, count(*) AS delivered, count(*) FILTER (WHERE delivered_day <= promised_by) AS onTime,
              round(1.0 * count(*) FILTER (WHERE delivered_day <= promised_by) / count(*), 4) AS rate
       FROM delay_board WHERE delivered_day IS NOT NULL GROUP BY week ORDER BY week`,
    ),
    riskByDay: all<BoardTrends['riskByDay'][number]>(
      `SELECT day, sum(alerted) AS atRisk, sum(broken) AS promiseBroken FROM (
         SELECT first_alert_day AS day, 1 AS alerted, 0 AS broken FROM delay_board WHERE first_alert_day IS NOT NULL
         UNION ALL SELECT broken_day, 0, 1 FROM delay_board WHERE broken_day IS NOT NULL)
       GROUP BY day ORDER BY day`,
    ),
    durationsByWeek: all<BoardTrends['durationsByWeek'][number]>(
      `SELECT ${WEEK('placed_day')} AS week, round(avg(processing_hours), 1) AS processingHours, round(avg(transit_hours), 1) AS transitHours
       FROM delay_board GROUP BY week ORDER BY week`,
    ),
    promiseVsActual: all<BoardTrends['promiseVsActual'][number]>(
      `SELECT CAST(julianday(delivered_day) - julianday(promised_by) AS INTEGER) AS days, count(*) AS orders
       FROM delay_board WHERE delivered_day IS NOT NULL GROUP BY days ORDER BY days`,
    ),
    stages: all<BoardTrends['stages'][number]>(`SELECT stage, count(*) AS orders FROM delay_board WHERE open = 1 GROUP BY stage ORDER BY orders DESC`),
  };
}

/**
 * How the model did, judged on what happened: the expected day against the delivered day, and
 * each alert against whether the promise was in the end kept (a false alarm) or not.
 */
export function modelFigures(db: Database.Database): ModelFigures {
  const calibrationByWeek = db
    .prepare(
      `SELECT ${WEEK('delivered_day')} AS week, count(*) AS orders,
              round(avg(abs(julianday(delivered_day) - julianday(expected))), 3) AS maeDays,
              round(avg(delivered_day = expected), 4) AS exactShare,
              round(avg(abs(julianday(delivered_day) - julianday(expected)) <= 1), 4) AS withinOneDayShare
       FROM delay_board WHERE delivered_day IS NOT NULL AND expected IS NOT NULL GROUP BY week ORDER BY week`,
    )
    .all() as ModelFigures['calibrationByWeek'];
  const leadTimeDays = db
    .prepare(
      `SELECT CAST(julianday(promised_by) - julianday(first_alert_day) AS INTEGER) AS days, count(*) AS orders
       FROM delay_board WHERE first_alert_day IS NOT NULL GROUP BY days ORDER BY days`,
    )
    .all() as ModelFigures['leadTimeDays'];
  const a = db
    .prepare(
      `SELECT coalesce(sum(alerts), 0) AS raised, count(*) FILTER (WHERE alerts > 0) AS ordersAlerted,
              count(*) FILTER (WHERE alerts > 0 AND (broken_day IS NOT NULL OR delivered_day > promised_by)) AS confirmed,
              count(*) FILTER (WHERE alerts > 0 AND delivered_day <= promised_by) AS falseAlarms,
              count(*) FILTER (WHERE alerts > 0 AND open = 1 AND broken_day IS NULL) AS pending,
              count(*) FILTER (WHERE alerts = 0 AND (broken_day IS NOT NULL OR delivered_day > promised_by)) AS missedLate
       FROM delay_board`,
    )
    .get() as Omit<ModelFigures['alerts'], 'falseAlarmRate'>;
  const judged = a.confirmed + a.falseAlarms;
  return { calibrationByWeek, leadTimeDays, alerts: { ...a, falseAlarmRate: judged ? Math.round((a.falseAlarms / judged) * 10_000) / 10_000 : null } };
}
