CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"organiser" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"neighbourhood" text DEFAULT '' NOT NULL,
	"postcode" text DEFAULT '' NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"start" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"rrule" text,
	"exdates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rdates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cost" text DEFAULT 'free' NOT NULL,
	"price_cents" integer,
	"effort" text DEFAULT 'calm' NOT NULL,
	"group_size" integer,
	"women_only" boolean DEFAULT false NOT NULL,
	"wheelchair" boolean DEFAULT false NOT NULL,
	"childcare" boolean DEFAULT false NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	"closed_reason" text DEFAULT '' NOT NULL,
	"photo" "bytea",
	"photo_mime" text,
	"photo_sha256" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"client_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "postcode_centroids" (
	"organisation_id" uuid NOT NULL,
	"postcode" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	CONSTRAINT "postcode_centroids_organisation_id_postcode_pk" PRIMARY KEY("organisation_id","postcode")
);
--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "postcode" text;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_requests" ADD CONSTRAINT "activity_requests_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_requests" ADD CONSTRAINT "activity_requests_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postcode_centroids" ADD CONSTRAINT "postcode_centroids_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_external_unique" ON "activities" USING btree ("organisation_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_requests_client_unique" ON "activity_requests" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "activity_requests_participant_idx" ON "activity_requests" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "activity_requests_activity_idx" ON "activity_requests" USING btree ("activity_id");