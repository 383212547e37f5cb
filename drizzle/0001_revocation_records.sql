CREATE TABLE "pending_revokes" (
	"queue" text NOT NULL,
	"entry" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_revokes_queue_entry_pk" PRIMARY KEY("queue","entry")
);
--> statement-breakpoint
CREATE TABLE "revocation_records" (
	"key" text PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "revocation_records_expires_at" ON "revocation_records" USING btree ("expires_at");