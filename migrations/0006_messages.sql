CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"sender" text NOT NULL,
	"coach_id" uuid,
	"kind" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"quick" text,
	"attachment_id" uuid,
	"duration_ms" integer,
	"auto" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "photo" "bytea";--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "photo_mime" text;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "working_hours" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "auto_reply_on" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "coaches" ADD COLUMN "auto_reply_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "urgent_name" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "urgent_phone" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "message_retention_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "trajectory_ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_attachment_id_recordings_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."recordings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_client_id_unique" ON "messages" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "messages_participant_idx" ON "messages" USING btree ("participant_id","created_at");