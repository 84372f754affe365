-- A partner_user's assignment names a real partner company (issue 8, ADR 013). Declared here
-- rather than in db/schema/identity.ts so that identity.ts and partners.ts need not import each other.
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_partner_id_partner_companies_id_fk"
  FOREIGN KEY ("partner_id") REFERENCES "public"."partner_companies"("id") ON DELETE no action ON UPDATE no action;
