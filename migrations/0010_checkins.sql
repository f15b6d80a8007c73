CREATE TABLE "checkin_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"checkin_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"face" integer NOT NULL,
	"changes" text[] DEFAULT '{}'::text[] NOT NULL,
	"wants_contact" boolean DEFAULT false NOT NULL,
	"attachment_id" uuid,
	"answered_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkin_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" text NOT NULL,
	"participant_id" uuid,
	"coach_id" uuid,
	"team_id" uuid,
	"every_days" integer,
	"next_at" timestamp with time zone,
	"remind_after_days" integer DEFAULT 3 NOT NULL,
	"silent_after_days" integer DEFAULT 7 NOT NULL,
	"created_by_coach_id" uuid,
	"stopped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"plan_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"remind_at" timestamp with time zone NOT NULL,
	"silent_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"face" integer,
	"changes" text[] DEFAULT '{}'::text[] NOT NULL,
	"wants_contact" boolean DEFAULT false NOT NULL,
	"attachment_id" uuid,
	"seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkin_answers" ADD CONSTRAINT "checkin_answers_checkin_id_checkins_id_fk" FOREIGN KEY ("checkin_id") REFERENCES "public"."checkins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_answers" ADD CONSTRAINT "checkin_answers_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_answers" ADD CONSTRAINT "checkin_answers_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_plans" ADD CONSTRAINT "checkin_plans_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_plans" ADD CONSTRAINT "checkin_plans_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_plans" ADD CONSTRAINT "checkin_plans_team_id_organisations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_plans" ADD CONSTRAINT "checkin_plans_created_by_coach_id_coaches_id_fk" FOREIGN KEY ("created_by_coach_id") REFERENCES "public"."coaches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_plan_id_checkin_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."checkin_plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_answers_client_unique" ON "checkin_answers" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "checkin_answers_checkin_idx" ON "checkin_answers" USING btree ("checkin_id");--> statement-breakpoint
CREATE INDEX "checkin_plans_next_idx" ON "checkin_plans" USING btree ("next_at");--> statement-breakpoint
CREATE UNIQUE INDEX "checkins_plan_round_unique" ON "checkins" USING btree ("plan_id","participant_id","due_at");--> statement-breakpoint
CREATE INDEX "checkins_participant_idx" ON "checkins" USING btree ("participant_id","due_at");