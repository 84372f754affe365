CREATE TABLE "report_exports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"rows_total" integer,
	"content" text,
	"error" text,
	"requested_by" uuid NOT NULL,
	"request_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "report_exports_station_key_key" UNIQUE("station_id","request_key"),
	CONSTRAINT "report_exports_kind_valid" CHECK ("report_exports"."kind" in ('ledger_csv', 'beancount')),
	CONSTRAINT "report_exports_status_valid" CHECK ("report_exports"."status" in ('queued', 'running', 'done', 'failed')),
	CONSTRAINT "report_exports_range" CHECK ("report_exports"."from_date" <= "report_exports"."to_date"),
	CONSTRAINT "report_exports_progress_range" CHECK ("report_exports"."progress" between 0 and 100 and "report_exports"."rows_done" >= 0),
	CONSTRAINT "report_exports_key_length" CHECK (char_length("report_exports"."request_key") between 1 and 100),
	CONSTRAINT "report_exports_done_shape" CHECK (("report_exports"."status" = 'done') = ("report_exports"."content" is not null))
);
--> statement-breakpoint
ALTER TABLE "report_exports" ADD CONSTRAINT "report_exports_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_exports" ADD CONSTRAINT "report_exports_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_exports_station_idx" ON "report_exports" USING btree ("station_id","created_at");