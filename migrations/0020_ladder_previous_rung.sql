ALTER TABLE "ladder_rungs" ADD COLUMN "previous_rung" integer;--> statement-breakpoint
-- Existing rungs: each one's predecessor in the participant's history.
UPDATE "ladder_rungs" l SET "previous_rung" = h."previous"
FROM (
	SELECT "id", lag("rung") OVER (PARTITION BY "participant_id" ORDER BY "created_at", "id") AS "previous"
	FROM "ladder_rungs"
) h
WHERE h."id" = l."id" AND h."previous" IS NOT NULL;
