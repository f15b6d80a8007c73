CREATE TABLE "server_voice" (
	"hash" text PRIMARY KEY NOT NULL,
	"lang" text NOT NULL,
	"mime" text NOT NULL,
	"audio" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"render_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
