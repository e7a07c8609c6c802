-- A tenant's identity-provider settings are part of its cached settings (PgTenants), so a committed change to them
-- tells each instance to drop its copy too, as a change to the tenant's own row does (V5).
CREATE TRIGGER tenant_oidc_notify_change AFTER INSERT OR UPDATE OR DELETE ON tenant_oidc
    FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_tenant_change();
