CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stytch_user_id" text NOT NULL,
	"phone_id" text NOT NULL,
	"phone_number" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone NOT NULL,
	CONSTRAINT "users_stytch_user_id_unique" UNIQUE("stytch_user_id"),
	CONSTRAINT "users_phone_number_e164" CHECK ("users"."phone_number" ~ '^\+[1-9][0-9]{1,14}$')
);
