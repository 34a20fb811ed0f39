CREATE TABLE "room_presence" (
	"session_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"instance_id" uuid NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_presence_session_id_user_id_instance_id_pk" PRIMARY KEY("session_id","user_id","instance_id")
);
--> statement-breakpoint
ALTER TABLE "room_presence" ADD CONSTRAINT "room_presence_session_id_group_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."group_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_presence" ADD CONSTRAINT "room_presence_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;