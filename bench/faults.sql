-- The emulator's state without what differs between two runs of the same
-- work (generated ids, times, tokens, secret values): each object by its
-- natural key, one line per object. bench/faults.sh compares two runs with it.
.mode list
.separator |
.headers off

CREATE TEMP VIEW who AS
SELECT id, 'user:' || email AS name FROM users
UNION ALL SELECT id, 'group:' || namespace || '/' || name FROM groups
UNION ALL SELECT app_id, 'app:' || namespace || '/' || name FROM apps;

SELECT 'namespace', code, display_name, description FROM namespaces;
SELECT 'user', email, coalesce(username, ''), coalesce(mobile, ''), first_name, last_name,
       account_type, status, company, department, agency, seed_status, sponsor,
       coalesce((SELECT name FROM who WHERE who.id = users.sponsored_by), sponsored_by)
FROM users;
SELECT 'admin', namespace, (SELECT name FROM who WHERE who.id = user_id) FROM namespace_admins;
SELECT 'invitation', email, first_name, last_name, mobile, company, department, sponsoring_agency,
       business_operation, coalesce(offshore_development_centre, ''),
       coalesce(offshore_company, ''), seed, account_type, status, invited_by,
       coalesce(namespace, ''), replaced IS NOT NULL, notified
FROM invitations;
SELECT 'tenant-request', namespace, service_name, description, contact_email, status,
       requested_by
FROM tenant_requests;
SELECT 'app', namespace, name, homepage_url, logout_url, redirect_urls, sign_in_enabled,
       assignment_required, published, seed_required, consent_granted, automation, roles, owners
FROM apps;
SELECT 'app-secret', (SELECT name FROM who WHERE who.id = app_id), description FROM app_secrets;
SELECT 'app-certificate', (SELECT name FROM who WHERE who.id = app_id), thumbprint, subject,
       description
FROM app_certificates;
SELECT 'assignment', (SELECT name FROM who WHERE who.id = app_id), principal_type,
       (SELECT name FROM who WHERE who.id = principal_id), role_value
FROM app_assignments;
SELECT 'group', namespace, name, description, dynamic FROM groups;
SELECT 'member', (SELECT name FROM who WHERE who.id = group_id), member_type,
       (SELECT name FROM who WHERE who.id = member_id)
FROM group_members;
SELECT 'api-key', namespace, name FROM api_keys;
SELECT 'webhook', namespace, url, events, headers, description FROM webhooks;
SELECT 'whitelist', (SELECT name FROM who WHERE who.id = app_id), type, value,
       coalesce(expires_at, '')
FROM whitelists;
SELECT 'message', channel, recipient, kind, subject FROM outbox;
