#include "emulator.hpp"

namespace emu {

// One schema for the whole emulator. Times are unix seconds (INTEGER);
// ids are UUID strings; JSON arrays and objects are stored as TEXT.
void create_schema(Db& db) {
    db.exec(R"sql(
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS namespaces (
    code TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    directory_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    username TEXT UNIQUE COLLATE NOCASE,
    mobile TEXT UNIQUE,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    account_type TEXT NOT NULL,
    status TEXT NOT NULL,
    company TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    seed_status TEXT NOT NULL DEFAULT 'not_required',
    sponsor TEXT NOT NULL DEFAULT '',       -- the sponsoring namespace (onboarded by its app)
    sponsored_by TEXT NOT NULL DEFAULT '',  -- the officer who registered or invited the user
    password_hash TEXT,
    under_investigation INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    status_changed_at INTEGER NOT NULL,
    last_sign_in_at INTEGER,
    last_interactive_sign_in_at INTEGER,
    last_non_interactive_sign_in_at INTEGER,
    reminded_at INTEGER
);
CREATE TABLE IF NOT EXISTS namespace_admins (
    namespace TEXT NOT NULL REFERENCES namespaces(code) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_at INTEGER NOT NULL,
    added_by_type TEXT,  -- 'user' or 'namespace'; NULL for the first admin
    added_by_id TEXT,
    PRIMARY KEY (namespace, user_id)
);
CREATE TABLE IF NOT EXISTS invitations (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL COLLATE NOCASE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    mobile TEXT NOT NULL,
    company TEXT NOT NULL,
    department TEXT NOT NULL,
    sponsoring_agency TEXT NOT NULL,
    business_operation TEXT NOT NULL,
    offshore_development_centre TEXT,
    offshore_company TEXT,
    seed INTEGER NOT NULL DEFAULT 0,
    account_type TEXT NOT NULL DEFAULT 'vendor',  -- vendor, temp or other
    status TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    namespace TEXT,
    token TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    registered_at INTEGER,
    user_id TEXT,
    replaced TEXT,
    notified INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS invitations_email ON invitations(email);
CREATE INDEX IF NOT EXISTS invitations_replaced ON invitations(replaced);
CREATE TABLE IF NOT EXISTS tenant_requests (
    id TEXT PRIMARY KEY,
    namespace TEXT NOT NULL,
    service_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_by_user TEXT,
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decision_reason TEXT
);
CREATE TABLE IF NOT EXISTS apps (
    app_id TEXT PRIMARY KEY,
    namespace TEXT NOT NULL REFERENCES namespaces(code) ON DELETE CASCADE,
    name TEXT NOT NULL,
    homepage_url TEXT NOT NULL DEFAULT '',
    logout_url TEXT NOT NULL DEFAULT '',
    redirect_urls TEXT NOT NULL DEFAULT '[]',
    sign_in_enabled INTEGER NOT NULL DEFAULT 1,
    assignment_required INTEGER NOT NULL DEFAULT 0,
    published INTEGER NOT NULL DEFAULT 0,
    seed_required INTEGER NOT NULL DEFAULT 0,
    consent_granted INTEGER NOT NULL DEFAULT 0,
    automation INTEGER NOT NULL DEFAULT 0,
    roles TEXT NOT NULL DEFAULT '[]',
    owners TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    UNIQUE (namespace, name)
);
CREATE TABLE IF NOT EXISTS app_secrets (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(app_id) ON DELETE CASCADE,
    description TEXT NOT NULL DEFAULT '',
    hint TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS app_certificates (
    app_id TEXT NOT NULL REFERENCES apps(app_id) ON DELETE CASCADE,
    thumbprint TEXT NOT NULL,
    thumbprint_sha256 TEXT NOT NULL,
    pem TEXT NOT NULL,
    subject TEXT NOT NULL,
    issuer TEXT NOT NULL DEFAULT '',
    not_before INTEGER NOT NULL,
    not_after INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    PRIMARY KEY (app_id, thumbprint)
);
CREATE TABLE IF NOT EXISTS app_assignments (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(app_id) ON DELETE CASCADE,
    principal_type TEXT NOT NULL,
    principal_id TEXT NOT NULL,
    role_id TEXT NOT NULL,
    role_value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (app_id, principal_type, principal_id, role_id)
);
CREATE TABLE IF NOT EXISTS groups (
    id TEXT PRIMARY KEY,
    namespace TEXT NOT NULL REFERENCES namespaces(code) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    dynamic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    UNIQUE (namespace, name)
);
CREATE TABLE IF NOT EXISTS group_members (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    member_type TEXT NOT NULL,
    member_id TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, member_type, member_id)
);
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    namespace TEXT NOT NULL REFERENCES namespaces(code) ON DELETE CASCADE,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
);
CREATE TABLE IF NOT EXISTS webhooks (
    id TEXT PRIMARY KEY,
    namespace TEXT NOT NULL REFERENCES namespaces(code) ON DELETE CASCADE,
    url TEXT NOT NULL,
    events TEXT NOT NULL DEFAULT '[]',
    headers TEXT NOT NULL DEFAULT '{}',
    description TEXT NOT NULL DEFAULT '',
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id TEXT PRIMARY KEY,
    webhook_id TEXT NOT NULL,
    namespace TEXT NOT NULL,
    event TEXT NOT NULL,
    body TEXT NOT NULL,
    signature TEXT NOT NULL,
    status_code INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER
);
CREATE TABLE IF NOT EXISTS whitelists (
    id TEXT PRIMARY KEY,
    namespace TEXT NOT NULL,
    app_id TEXT NOT NULL REFERENCES apps(app_id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    value TEXT NOT NULL COLLATE NOCASE,
    expires_at INTEGER,  -- unix seconds; NULL: never expires
    created_at INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    UNIQUE (app_id, value)
);
-- Each insert numbers its entry MAX(seq) + 1: without this, a scan per entry.
CREATE INDEX IF NOT EXISTS whitelists_seq ON whitelists(seq);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    caller TEXT NOT NULL,
    key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE TABLE IF NOT EXISTS used_assertions (
    jti TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS device_codes (
    device_code TEXT PRIMARY KEY,
    user_code TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    status TEXT NOT NULL,
    user_id TEXT,
    interval_seconds INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_poll_at INTEGER
);
-- Authorization codes of the sign-in flow: only a hash of each code is kept.
CREATE TABLE IF NOT EXISTS auth_codes (
    code_hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    scope TEXT NOT NULL,
    nonce TEXT NOT NULL DEFAULT '',
    code_challenge TEXT NOT NULL DEFAULT '',
    challenge_method TEXT NOT NULL DEFAULT '',
    user_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    redeemed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS signing_keys (
    kid TEXT PRIMARY KEY,
    private_pem TEXT NOT NULL,
    certificate_pem TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
)sql");
}

} // namespace emu
