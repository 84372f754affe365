import { setupTestDatabase } from "../support/db";

setupTestDatabase();
