-- Every committed change to a tenant's row tells each instance to drop its cached copy (PgTenants), whoever made
-- it: the application, an operator command or plain SQL. The payload is the tenant id.
CREATE FUNCTION gatehouse_notify_tenant_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('gatehouse_tenants', OLD.tenant_id);
    ELSE
        PERFORM pg_notify('gatehouse_tenants', NEW.tenant_id);
        IF TG_OP = 'UPDATE' AND OLD.tenant_id <> NEW.tenant_id THEN
            PERFORM pg_notify('gatehouse_tenants', OLD.tenant_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tenants_notify_change AFTER INSERT OR UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_tenant_change();
