ALTER TABLE "recordings" RENAME TO "attachments";--> statement-breakpoint
ALTER TABLE "attachments" RENAME COLUMN "audio" TO "data";--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_attachment_id_recordings_id_fk";
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "recordings_participant_id_participants_id_fk";
--> statement-breakpoint
DROP INDEX "recordings_participant_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_participant_idx" ON "attachments" USING btree ("participant_id");