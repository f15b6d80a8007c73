DROP INDEX "ladder_rungs_participant_idx";--> statement-breakpoint
CREATE INDEX "ladder_rungs_created_idx" ON "ladder_rungs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ladder_rungs_participant_idx" ON "ladder_rungs" USING btree ("participant_id","created_at");