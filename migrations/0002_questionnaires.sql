CREATE TABLE "answers" (
	"assignment_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"module_id" text NOT NULL,
	"value" jsonb,
	"client_id" uuid NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"language" text NOT NULL,
	"version" text NOT NULL,
	"mode" text DEFAULT 'alone' NOT NULL,
	"verified" boolean DEFAULT true NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answers_assignment_id_item_id_pk" PRIMARY KEY("assignment_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"questionnaire_id" text NOT NULL,
	"version" text NOT NULL,
	"wave" text NOT NULL,
	"module_ids" jsonb NOT NULL,
	"assigned_by_coach_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ladder_rungs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"assignment_id" uuid,
	"rung" integer NOT NULL,
	"derived_rung" integer,
	"source" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"coach_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "module_submissions" (
	"assignment_id" uuid NOT NULL,
	"module_id" text NOT NULL,
	"client_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "module_submissions_assignment_id_module_id_pk" PRIMARY KEY("assignment_id","module_id")
);
--> statement-breakpoint
CREATE TABLE "questionnaire_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"questionnaire_id" text NOT NULL,
	"version" text NOT NULL,
	"definition" jsonb NOT NULL,
	"imported_by_coach_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assigned_by_coach_id_coaches_id_fk" FOREIGN KEY ("assigned_by_coach_id") REFERENCES "public"."coaches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ladder_rungs" ADD CONSTRAINT "ladder_rungs_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ladder_rungs" ADD CONSTRAINT "ladder_rungs_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ladder_rungs" ADD CONSTRAINT "ladder_rungs_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_submissions" ADD CONSTRAINT "module_submissions_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_definitions" ADD CONSTRAINT "questionnaire_definitions_imported_by_coach_id_coaches_id_fk" FOREIGN KEY ("imported_by_coach_id") REFERENCES "public"."coaches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "answers_client_id_unique" ON "answers" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "assignments_participant_idx" ON "assignments" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "ladder_rungs_participant_idx" ON "ladder_rungs" USING btree ("participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "module_submissions_client_unique" ON "module_submissions" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_definitions_version_unique" ON "questionnaire_definitions" USING btree ("questionnaire_id","version");