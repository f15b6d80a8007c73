CREATE TABLE "journal_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"coach_id" uuid,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"duration_minutes" integer,
	"text" text DEFAULT '' NOT NULL,
	"follow_up_on" text,
	"follow_up_done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "moved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "case_status" text DEFAULT 'intake' NOT NULL;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "name_detail" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "journal_notes" ADD CONSTRAINT "journal_notes_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_notes" ADD CONSTRAINT "journal_notes_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journal_notes_participant_idx" ON "journal_notes" USING btree ("participant_id","at");--> statement-breakpoint
CREATE INDEX "journal_notes_follow_up_idx" ON "journal_notes" USING btree ("participant_id","follow_up_on") WHERE "journal_notes"."follow_up_on" is not null and "journal_notes"."follow_up_done_at" is null;--> statement-breakpoint
CREATE INDEX "appointment_replies_participant_idx" ON "appointment_replies" USING btree ("participant_id","received_at");--> statement-breakpoint
CREATE INDEX "participants_name_idx" ON "participants" USING btree (lower("display_name"));