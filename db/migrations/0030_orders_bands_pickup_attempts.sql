CREATE TABLE "order_pickup_attempts" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"total_failed" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_failed_at" timestamp with time zone NOT NULL,
	"last_failed_by" uuid,
	CONSTRAINT "order_pickup_attempts_counts" CHECK ("order_pickup_attempts"."failed_attempts" >= 0 and "order_pickup_attempts"."failed_attempts" < 5 and "order_pickup_attempts"."total_failed" >= "order_pickup_attempts"."failed_attempts")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery_band_km" numeric(6, 2);--> statement-breakpoint
ALTER TABLE "station_order_settings" ADD COLUMN "delivery_bands" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "order_pickup_attempts" ADD CONSTRAINT "order_pickup_attempts_last_failed_by_users_id_fk" FOREIGN KEY ("last_failed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_pickup_attempts" ADD CONSTRAINT "order_pickup_attempts_order_fk" FOREIGN KEY ("order_id","station_id") REFERENCES "public"."orders"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_delivery_band_shape" CHECK ("orders"."delivery_band_km" is null or ("orders"."fulfilment" = 'delivery' and "orders"."delivery_band_km" > 0));--> statement-breakpoint
ALTER TABLE "station_order_settings" ADD CONSTRAINT "station_order_settings_bands_shape" CHECK (jsonb_typeof("station_order_settings"."delivery_bands") = 'array' and jsonb_array_length("station_order_settings"."delivery_bands") <= 8);