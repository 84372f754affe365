import { useTestDatabase } from "../support/db";

useTestDatabase();
