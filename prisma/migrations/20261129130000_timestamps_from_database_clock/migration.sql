-- created_at and updated_at both come from the database clock: before this, created_at was the
-- database's now() and updated_at the app's clock (Prisma @updatedAt), and one row had updated_at
-- 113 ms before created_at. Triggers set both, whatever a client sends: on insert both are the
-- transaction's now(); on update updated_at is now() and created_at cannot change.
CREATE FUNCTION "hirematch_set_timestamps"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW."created_at" := now();
  ELSE
    NEW."created_at" := OLD."created_at";
  END IF;
  NEW."updated_at" := now();
  RETURN NEW;
END;
$$;

CREATE TRIGGER "resumes_set_timestamps" BEFORE INSERT OR UPDATE ON "resumes"
  FOR EACH ROW EXECUTE FUNCTION "hirematch_set_timestamps"();
CREATE TRIGGER "jobs_set_timestamps" BEFORE INSERT OR UPDATE ON "jobs"
  FOR EACH ROW EXECUTE FUNCTION "hirematch_set_timestamps"();
