-- Place rollups (issue 5: the place page at a million facts). A district holds ~450k of a million facts,
-- and its page ran three aggregates over all of them (~1 s). These two tables hold the dashboard's
-- aggregates per district, kept up to date by triggers on facts, so a district's page — and the overview
-- of everything, which adds the districts up — read a few thousand rollup rows instead:
--
-- district_months:  (district, metric, unit, month)  → metric totals, units, the by-month chart
-- district_streets: (district, metric, unit, street) → the by-street chart
--
-- They hold exactly what db/dashboard.ts aggregates from facts: rejected figures left out, the value
-- coalesce(corrected_value, value), grouped by facts.metric and facts.unit (as the dashboard does, not
-- corrected_metric/corrected_unit). '' stands for a missing district, street or (undated) month, so
-- every figure that is not rejected is in exactly one row of each table. Sums carry a Neumaier
-- compensation term (*_err; the sum is total + total_err), so adding and removing figures does not
-- drift; a row whose last figure goes is deleted. Whoever writes facts (ingestion, review, re-extraction,
-- synth, a sqlite3 shell) needs to know nothing about the rollups.
--
-- Streets and communities have no rollup of their own: at a million facts a (street, metric, unit, month)
-- key holds ~3 figures, so such a table would be nearly as large as facts and cost every insert, while
-- the covering index facts_dash_street (migration 0002) answers a street's page in tens of milliseconds.
-- Each figure costs two upserts here; a trigger on facts also makes SQLite keep a statement journal for
-- every insert, which is most of what the rollups add to bulk loads.
CREATE TABLE `district_months` (
	`district_code` text NOT NULL,  -- facts.district_code; '' = figures without a district
	`metric` text NOT NULL,         -- facts.metric, as the dashboard groups (not corrected_metric)
	`unit` text NOT NULL,           -- facts.unit, likewise
	`month` text NOT NULL,        -- substr(date, 1, 7); '' = undated
	`figures` integer NOT NULL,
	`approximate` integer NOT NULL,        -- how many carry 余/超/约/近/不到 (qualifier <> 'exact')
	`total` real NOT NULL,                 -- sum of coalesce(corrected_value, value) …
	`total_err` real NOT NULL,             -- … with its compensation term: the sum is total + total_err
	`approximate_total` real NOT NULL,     -- the part of the sum that approximate figures make up
	`approximate_total_err` real NOT NULL,
	PRIMARY KEY (`district_code`, `metric`, `unit`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `district_streets` (
	`district_code` text NOT NULL,  -- facts.district_code; '' = figures without a district
	`metric` text NOT NULL,         -- facts.metric, as the dashboard groups (not corrected_metric)
	`unit` text NOT NULL,           -- facts.unit, likewise
	`street_code` text NOT NULL,  -- facts.street_code; '' = not placed in a street
	`figures` integer NOT NULL,
	`approximate` integer NOT NULL,        -- how many carry 余/超/约/近/不到 (qualifier <> 'exact')
	`total` real NOT NULL,                 -- sum of coalesce(corrected_value, value) …
	`total_err` real NOT NULL,             -- … with its compensation term: the sum is total + total_err
	`approximate_total` real NOT NULL,     -- the part of the sum that approximate figures make up
	`approximate_total_err` real NOT NULL,
	PRIMARY KEY (`district_code`, `metric`, `unit`, `street_code`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `facts_rollup_insert` AFTER INSERT ON `facts` WHEN new.review_status <> 'rejected' BEGIN
	INSERT INTO district_months (district_code, metric, unit, month, figures, approximate, total, total_err, approximate_total, approximate_total_err)
		SELECT coalesce(new.district_code, ''), new.metric, new.unit, coalesce(substr(new.date, 1, 7), ''), 1, (new.qualifier <> 'exact'), coalesce(new.corrected_value, new.value), 0.0, CASE WHEN new.qualifier <> 'exact' THEN coalesce(new.corrected_value, new.value) ELSE 0.0 END, 0.0 WHERE true
		ON CONFLICT (district_code, metric, unit, month) DO UPDATE SET figures = figures + 1, approximate = approximate + excluded.approximate,
		total_err = total_err + CASE WHEN abs(total) >= abs(excluded.total) THEN (total - (total + excluded.total)) + excluded.total ELSE (excluded.total - (total + excluded.total)) + total END, total = total + excluded.total,
		approximate_total_err = approximate_total_err + CASE WHEN abs(approximate_total) >= abs(excluded.approximate_total) THEN (approximate_total - (approximate_total + excluded.approximate_total)) + excluded.approximate_total ELSE (excluded.approximate_total - (approximate_total + excluded.approximate_total)) + approximate_total END, approximate_total = approximate_total + excluded.approximate_total;
	INSERT INTO district_streets (district_code, metric, unit, street_code, figures, approximate, total, total_err, approximate_total, approximate_total_err)
		SELECT coalesce(new.district_code, ''), new.metric, new.unit, coalesce(new.street_code, ''), 1, (new.qualifier <> 'exact'), coalesce(new.corrected_value, new.value), 0.0, CASE WHEN new.qualifier <> 'exact' THEN coalesce(new.corrected_value, new.value) ELSE 0.0 END, 0.0 WHERE true
		ON CONFLICT (district_code, metric, unit, street_code) DO UPDATE SET figures = figures + 1, approximate = approximate + excluded.approximate,
		total_err = total_err + CASE WHEN abs(total) >= abs(excluded.total) THEN (total - (total + excluded.total)) + excluded.total ELSE (excluded.total - (total + excluded.total)) + total END, total = total + excluded.total,
		approximate_total_err = approximate_total_err + CASE WHEN abs(approximate_total) >= abs(excluded.approximate_total) THEN (approximate_total - (approximate_total + excluded.approximate_total)) + excluded.approximate_total ELSE (excluded.approximate_total - (approximate_total + excluded.approximate_total)) + approximate_total END, approximate_total = approximate_total + excluded.approximate_total;
END;
--> statement-breakpoint
CREATE TRIGGER `facts_rollup_delete` AFTER DELETE ON `facts` WHEN old.review_status <> 'rejected' BEGIN
	UPDATE district_months SET figures = figures - 1, approximate = approximate - (old.qualifier <> 'exact'),
		total_err = total_err + CASE WHEN abs(total) >= abs((-coalesce(old.corrected_value, old.value))) THEN (total - (total + (-coalesce(old.corrected_value, old.value)))) + (-coalesce(old.corrected_value, old.value)) ELSE ((-coalesce(old.corrected_value, old.value)) - (total + (-coalesce(old.corrected_value, old.value)))) + total END, total = total + (-coalesce(old.corrected_value, old.value)),
		approximate_total_err = approximate_total_err + CASE WHEN abs(approximate_total) >= abs((-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END))) THEN (approximate_total - (approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)))) + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)) ELSE ((-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)) - (approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)))) + approximate_total END, approximate_total = approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END))
		WHERE district_code = coalesce(old.district_code, '') AND metric = old.metric AND unit = old.unit AND month = coalesce(substr(old.date, 1, 7), '');
	DELETE FROM district_months WHERE district_code = coalesce(old.district_code, '') AND metric = old.metric AND unit = old.unit AND month = coalesce(substr(old.date, 1, 7), '') AND figures <= 0;
	UPDATE district_streets SET figures = figures - 1, approximate = approximate - (old.qualifier <> 'exact'),
		total_err = total_err + CASE WHEN abs(total) >= abs((-coalesce(old.corrected_value, old.value))) THEN (total - (total + (-coalesce(old.corrected_value, old.value)))) + (-coalesce(old.corrected_value, old.value)) ELSE ((-coalesce(old.corrected_value, old.value)) - (total + (-coalesce(old.corrected_value, old.value)))) + total END, total = total + (-coalesce(old.corrected_value, old.value)),
		approximate_total_err = approximate_total_err + CASE WHEN abs(approximate_total) >= abs((-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END))) THEN (approximate_total - (approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)))) + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)) ELSE ((-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)) - (approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)))) + approximate_total END, approximate_total = approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END))
		WHERE district_code = coalesce(old.district_code, '') AND metric = old.metric AND unit = old.unit AND street_code = coalesce(old.street_code, '');
	DELETE FROM district_streets WHERE district_code = coalesce(old.district_code, '') AND metric = old.metric AND unit = old.unit AND street_code = coalesce(old.street_code, '') AND figures <= 0;
END;
--> statement-breakpoint
-- Fires only when something the rollups hold changed (a review that verifies a figure does not).
CREATE TRIGGER `facts_rollup_update` AFTER UPDATE OF `value`, `corrected_value`, `metric`, `unit`, `date`, `qualifier`, `district_code`, `street_code`, `review_status` ON `facts`
WHEN (old.review_status <> 'rejected' OR new.review_status <> 'rejected') AND (
	coalesce(old.corrected_value, old.value) IS NOT coalesce(new.corrected_value, new.value) OR old.metric IS NOT new.metric OR old.unit IS NOT new.unit
	OR coalesce(substr(old.date, 1, 7), '') IS NOT coalesce(substr(new.date, 1, 7), '') OR (old.qualifier <> 'exact') IS NOT (new.qualifier <> 'exact')
	OR old.district_code IS NOT new.district_code OR old.street_code IS NOT new.street_code
	OR (old.review_status = 'rejected') IS NOT (new.review_status = 'rejected')
) BEGIN
	UPDATE district_months SET figures = figures - 1, approximate = approximate - (old.qualifier <> 'exact'),
		total_err = total_err + CASE WHEN abs(total) >= abs((-coalesce(old.corrected_value, old.value))) THEN (total - (total + (-coalesce(old.corrected_value, old.value)))) + (-coalesce(old.corrected_value, old.value)) ELSE ((-coalesce(old.corrected_value, old.value)) - (total + (-coalesce(old.corrected_value, old.value)))) + total END, total = total + (-coalesce(old.corrected_value, old.value)),
		approximate_total_err = approximate_total_err + CASE WHEN abs(approximate_total) >= abs((-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END))) THEN (approximate_total - (approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)))) + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)) ELSE ((-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)) - (approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)))) + approximate_total END, approximate_total = approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END))
		WHERE district_code = coalesce(old.district_code, '') AND metric = old.metric AND unit = old.unit AND month = coalesce(substr(old.date, 1, 7), '') AND old.review_status <> 'rejected';
	DELETE FROM district_months WHERE district_code = coalesce(old.district_code, '') AND metric = old.metric AND unit = old.unit AND month = coalesce(substr(old.date, 1, 7), '') AND old.review_status <> 'rejected' AND figures <= 0;
	UPDATE district_streets SET figures = figures - 1, approximate = approximate - (old.qualifier <> 'exact'),
		total_err = total_err + CASE WHEN abs(total) >= abs((-coalesce(old.corrected_value, old.value))) THEN (total - (total + (-coalesce(old.corrected_value, old.value)))) + (-coalesce(old.corrected_value, old.value)) ELSE ((-coalesce(old.corrected_value, old.value)) - (total + (-coalesce(old.corrected_value, old.value)))) + total END, total = total + (-coalesce(old.corrected_value, old.value)),
		approximate_total_err = approximate_total_err + CASE WHEN abs(approximate_total) >= abs((-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END))) THEN (approximate_total - (approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)))) + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)) ELSE ((-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)) - (approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END)))) + approximate_total END, approximate_total = approximate_total + (-(CASE WHEN old.qualifier <> 'exact' THEN coalesce(old.corrected_value, old.value) ELSE 0.0 END))
		WHERE district_code = coalesce(old.district_code, '') AND metric = old.metric AND unit = old.unit AND street_code = coalesce(old.street_code, '') AND old.review_status <> 'rejected';
	DELETE FROM district_streets WHERE district_code = coalesce(old.district_code, '') AND metric = old.metric AND unit = old.unit AND street_code = coalesce(old.street_code, '') AND old.review_status <> 'rejected' AND figures <= 0;
	INSERT INTO district_months (district_code, metric, unit, month, figures, approximate, total, total_err, approximate_total, approximate_total_err)
		SELECT coalesce(new.district_code, ''), new.metric, new.unit, coalesce(substr(new.date, 1, 7), ''), 1, (new.qualifier <> 'exact'), coalesce(new.corrected_value, new.value), 0.0, CASE WHEN new.qualifier <> 'exact' THEN coalesce(new.corrected_value, new.value) ELSE 0.0 END, 0.0 WHERE new.review_status <> 'rejected'
		ON CONFLICT (district_code, metric, unit, month) DO UPDATE SET figures = figures + 1, approximate = approximate + excluded.approximate,
		total_err = total_err + CASE WHEN abs(total) >= abs(excluded.total) THEN (total - (total + excluded.total)) + excluded.total ELSE (excluded.total - (total + excluded.total)) + total END, total = total + excluded.total,
		approximate_total_err = approximate_total_err + CASE WHEN abs(approximate_total) >= abs(excluded.approximate_total) THEN (approximate_total - (approximate_total + excluded.approximate_total)) + excluded.approximate_total ELSE (excluded.approximate_total - (approximate_total + excluded.approximate_total)) + approximate_total END, approximate_total = approximate_total + excluded.approximate_total;
	INSERT INTO district_streets (district_code, metric, unit, street_code, figures, approximate, total, total_err, approximate_total, approximate_total_err)
		SELECT coalesce(new.district_code, ''), new.metric, new.unit, coalesce(new.street_code, ''), 1, (new.qualifier <> 'exact'), coalesce(new.corrected_value, new.value), 0.0, CASE WHEN new.qualifier <> 'exact' THEN coalesce(new.corrected_value, new.value) ELSE 0.0 END, 0.0 WHERE new.review_status <> 'rejected'
		ON CONFLICT (district_code, metric, unit, street_code) DO UPDATE SET figures = figures + 1, approximate = approximate + excluded.approximate,
		total_err = total_err + CASE WHEN abs(total) >= abs(excluded.total) THEN (total - (total + excluded.total)) + excluded.total ELSE (excluded.total - (total + excluded.total)) + total END, total = total + excluded.total,
		approximate_total_err = approximate_total_err + CASE WHEN abs(approximate_total) >= abs(excluded.approximate_total) THEN (approximate_total - (approximate_total + excluded.approximate_total)) + excluded.approximate_total ELSE (excluded.approximate_total - (approximate_total + excluded.approximate_total)) + approximate_total END, approximate_total = approximate_total + excluded.approximate_total;
END;
--> statement-breakpoint
-- what the database already holds
INSERT INTO district_months (district_code, metric, unit, month, figures, approximate, total, total_err, approximate_total, approximate_total_err)
SELECT coalesce(district_code, ''), metric, unit, coalesce(substr(date, 1, 7), ''), count(*), sum(qualifier <> 'exact'), sum(coalesce(corrected_value, value)), 0.0,
	sum(CASE WHEN qualifier <> 'exact' THEN coalesce(corrected_value, value) ELSE 0.0 END), 0.0
FROM facts WHERE review_status <> 'rejected'
GROUP BY coalesce(district_code, ''), metric, unit, coalesce(substr(date, 1, 7), '');
--> statement-breakpoint
INSERT INTO district_streets (district_code, metric, unit, street_code, figures, approximate, total, total_err, approximate_total, approximate_total_err)
SELECT coalesce(district_code, ''), metric, unit, coalesce(street_code, ''), count(*), sum(qualifier <> 'exact'), sum(coalesce(corrected_value, value)), 0.0,
	sum(CASE WHEN qualifier <> 'exact' THEN coalesce(corrected_value, value) ELSE 0.0 END), 0.0
FROM facts WHERE review_status <> 'rejected'
GROUP BY coalesce(district_code, ''), metric, unit, coalesce(street_code, '');
