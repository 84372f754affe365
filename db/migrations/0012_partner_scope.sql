ALTER TABLE "role_assignments" DROP CONSTRAINT "role_assignments_once";--> statement-breakpoint
ALTER TABLE "role_assignments" DROP CONSTRAINT "role_assignments_scope_matches";--> statement-breakpoint
ALTER TABLE "role_assignments" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
CREATE INDEX "role_assignments_partner_idx" ON "role_assignments" USING btree ("partner_id");--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_once" UNIQUE NULLS NOT DISTINCT("user_id","role","county_id","township_id","station_id","partner_id");--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_scope_matches" CHECK (("role_assignments"."partner_id" is null and (
          ("role_assignments"."scope" = 'global' and "role_assignments"."county_id" is null and "role_assignments"."township_id" is null and "role_assignments"."station_id" is null)
       or ("role_assignments"."scope" = 'county' and "role_assignments"."county_id" is not null and "role_assignments"."township_id" is null and "role_assignments"."station_id" is null)
       or ("role_assignments"."scope" = 'township' and "role_assignments"."township_id" is not null and "role_assignments"."county_id" is null and "role_assignments"."station_id" is null)
       or ("role_assignments"."scope" = 'station' and "role_assignments"."station_id" is not null and "role_assignments"."county_id" is null and "role_assignments"."township_id" is null)))
       or ("role_assignments"."scope" = 'partner' and "role_assignments"."partner_id" is not null and "role_assignments"."county_id" is null and "role_assignments"."township_id" is null and "role_assignments"."station_id" is null));