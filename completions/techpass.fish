# fish completion for techpass
# Generated from the command tree by techpass-gen-docs; do not edit.
# Install: copy to ~/.config/fish/completions/techpass.fish

set -g __techpass_value_flags -p --profile -n --namespace -o --output --jq --fields --timeout --config --api-url --authority --directory-id --client-id --auth --client-secret --certificate --private-key --api-key --rate-limit --connect-timeout --ca-bundle --scope --mobile --first-name --last-name --company --department --agency --sponsoring-agency --odc --offshore-development-centre --offshore-company --account-type --status --type --search --inactive-days -L --limit --days --as-of --report --batch-size --concurrency --email --seed-status --display-name -d --description --name --user --group --redirect-url --homepage-url --logout-url --owner --add-redirect-url --remove-redirect-url --out --key-out --cert-out --url -e --event -H --header --add-event --remove-event --port --host --secret-file --forward-to --body -f --file --expires-at --value --service --contact --app --secrets-out --data
set -g __techpass_commands 'techpass' 'techpass auth' 'techpass auth login' 'techpass auth status' 'techpass auth token' 'techpass auth logout' 'techpass profile' 'techpass profile list' 'techpass profile show' 'techpass profile use' 'techpass profile set' 'techpass profile add' 'techpass profile remove' 'techpass users' 'techpass users register' 'techpass users invite' 'techpass users list' 'techpass users get' 'techpass users forecast' 'techpass users disable' 'techpass users enable' 'techpass users delete' 'techpass users import' 'techpass invitations' 'techpass invitations list' 'techpass invitations get' 'techpass invitations resend' 'techpass invitations revoke' 'techpass vendors' 'techpass vendors invite' 'techpass vendors list' 'techpass vendors get' 'techpass vendors update' 'techpass vendors request-seed' 'techpass vendors import' 'techpass namespaces' 'techpass namespaces list' 'techpass namespaces get' 'techpass namespaces update' 'techpass namespaces admins' 'techpass namespaces admins list' 'techpass namespaces admins add' 'techpass namespaces admins remove' 'techpass groups' 'techpass groups list' 'techpass groups get' 'techpass groups create' 'techpass groups update' 'techpass groups delete' 'techpass groups members' 'techpass groups members list' 'techpass groups members add' 'techpass groups members remove' 'techpass apps' 'techpass apps list' 'techpass apps get' 'techpass apps create' 'techpass apps update' 'techpass apps delete' 'techpass apps secrets' 'techpass apps secrets list' 'techpass apps secrets add' 'techpass apps secrets delete' 'techpass apps secrets rotate' 'techpass apps certs' 'techpass apps certs list' 'techpass apps certs add' 'techpass apps certs delete' 'techpass apps certs create' 'techpass apps assignments' 'techpass apps assignments list' 'techpass apps assignments add' 'techpass apps assignments remove' 'techpass apps try-signin' 'techpass apikeys' 'techpass apikeys list' 'techpass apikeys create' 'techpass apikeys revoke' 'techpass webhooks' 'techpass webhooks list' 'techpass webhooks get' 'techpass webhooks create' 'techpass webhooks update' 'techpass webhooks delete' 'techpass webhooks test' 'techpass webhooks listen' 'techpass webhooks verify' 'techpass whitelists' 'techpass whitelists list' 'techpass whitelists add' 'techpass whitelists update' 'techpass whitelists delete' 'techpass tenants' 'techpass tenants request' 'techpass tenants requests' 'techpass tenants requests list' 'techpass tenants requests get' 'techpass access' 'techpass access review' 'techpass access apply' 'techpass plan' 'techpass apply' 'techpass export' 'techpass api' 'techpass completion' 'techpass version'

# The command path so far ("techpass groups list"): flags and their values are skipped.
function __techpass_path
    set -l words (commandline -opc)
    set -e words[1]
    set -l path techpass
    set -l expect_value 0
    for word in $words
        if test $expect_value = 1
            set expect_value 0
        else if string match -q -- '-*' $word
            if contains -- $word $__techpass_value_flags
                set expect_value 1
            end
        else if contains -- "$path $word" $__techpass_commands
            set path "$path $word"
        end
    end
    echo $path
end

function __techpass_at
    test (__techpass_path) = "$argv[1]"
end

# Runs techpass with its arguments, after the -p, -n and --config of the
# command line being completed; errors are not shown.
function __techpass_run
    set -l words (commandline -opc)
    set -l context
    for i in (seq 2 (math (count $words) - 1))
        switch $words[$i]
            case -p --profile -n --namespace --config
                set -a context $words[$i] $words[(math $i + 1)]
        end
    end
    techpass $context $argv 2>/dev/null
end

complete -c techpass -f

# techpass
complete -c techpass -n '__techpass_at \'techpass\'' -a 'auth' -d 'Sign in, inspect and forget tokens'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'profile' -d 'Manage the profiles of the config file'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'users' -d 'Register public officers and manage user accounts'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'invitations' -d 'Follow up the invitations sent to vendors and other users'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'vendors' -d 'Invite and onboard vendors'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'namespaces' -d 'Manage tenant namespaces and their admins'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'groups' -d 'Manage the groups of a namespace and their members'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'apps' -d 'Register and manage the OIDC apps of a namespace'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'apikeys' -d 'Manage the API keys of a namespace'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'webhooks' -d 'Manage the webhooks of a namespace, and receive and check deliveries'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'whitelists' -d 'Manage the OTP whitelists of OTP-as-a-Service apps'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'tenants' -d 'Request a tenant namespace, and follow the request'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'access' -d 'Review who can sign in to a namespace\'s apps, and revoke what is no longer needed'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'plan' -d 'Show what apply would change to make a namespace match a tenant file'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'apply' -d 'Make a namespace what a tenant file says'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'export' -d 'Write a namespace as a tenant file'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'api' -d 'Make an authenticated request to the Automation API'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'completion' -d 'Print a shell completion script'
complete -c techpass -n '__techpass_at \'techpass\'' -a 'version' -d 'Print the version of techpass'
complete -c techpass -s p -l profile -xa '(__techpass_run profile list -o name)' -d 'Use this profile of the config file (env TECHPASS_PROFILE)'
complete -c techpass -s n -l namespace -xa '(__techpass_run __complete namespaces)' -d 'Act on this tenant namespace instead of the profile\'s (env TECHPASS_NAMESPACE)'
complete -c techpass -s o -l output -xa 'table json yaml csv tsv name' -d 'Print table, json, yaml, csv, tsv or name (default table)'
complete -c techpass -l jq -x -d 'Filter JSON output with a jq expression; strings print raw (implies -o json)'
complete -c techpass -l fields -x -d 'Print only these comma-separated fields (JSON names, or the table\'s column names)'
complete -c techpass -l no-input -d 'Never prompt; fail instead when something is missing'
complete -c techpass -s y -l yes -d 'Answer yes to confirmations (deletions and removals)'
complete -c techpass -l dry-run -d 'Check and show what would be done; change nothing'
complete -c techpass -s v -l verbose -d 'Say more about what is happening (repeatable)'
complete -c techpass -l debug -d 'Print every HTTP request and response, credentials redacted'
complete -c techpass -l no-color -d 'Never colour the output (as does NO_COLOR)'
complete -c techpass -l timeout -x -d 'Give up on a request after this many seconds'
complete -c techpass -l config -rF -d 'Read this config file (env TECHPASS_CONFIG)'
complete -c techpass -l version -d 'Print the version and exit'
complete -c techpass -s h -l help -d 'Show help for the command'

# techpass auth
complete -c techpass -n '__techpass_at \'techpass auth\'' -a 'login' -d 'Sign in and cache a token'
complete -c techpass -n '__techpass_at \'techpass auth\'' -a 'status' -d 'Show who you are signed in as'
complete -c techpass -n '__techpass_at \'techpass auth\'' -a 'token' -d 'Print an access token'
complete -c techpass -n '__techpass_at \'techpass auth\'' -a 'logout' -d 'Forget the cached token'

# techpass profile
complete -c techpass -n '__techpass_at \'techpass profile\'' -a 'list' -d 'List the profiles of the config file'
complete -c techpass -n '__techpass_at \'techpass profile\'' -a 'show' -d 'Show a profile\'s settings and where each comes from'
complete -c techpass -n '__techpass_at \'techpass profile\'' -a 'use' -d 'Make a profile the default'
complete -c techpass -n '__techpass_at \'techpass profile\'' -a 'set' -d 'Set or unset one key of a profile'
complete -c techpass -n '__techpass_at \'techpass profile\'' -a 'add' -d 'Add a profile to the config file'
complete -c techpass -n '__techpass_at \'techpass profile\'' -a 'remove' -d 'Remove a profile from the config file'

# techpass profile show
complete -c techpass -n '__techpass_at \'techpass profile show\'' -a '(__techpass_run profile list -o name)'

# techpass profile use
complete -c techpass -n '__techpass_at \'techpass profile use\'' -a '(__techpass_run profile list -o name)'

# techpass profile set
complete -c techpass -n '__techpass_at \'techpass profile set\'' -a 'api_url authority directory_id client_id namespace auth client_secret certificate private_key api_key rate_limit timeout connect_timeout ca_bundle scope'
complete -c techpass -n '__techpass_at \'techpass profile set\'' -l unset -d 'Remove the key from the profile'

# techpass profile add
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l api-url -x -d 'Base URL of the Automation API, e.g. https://api.techpass.suite.gov.sg'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l authority -x -d 'Identity platform that issues tokens'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l directory-id -x -d 'Directory (tenant) ID of the identity platform'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l client-id -x -d 'Application (client) ID of the automation app, or of the public client for device_code'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l namespace -x -d 'Tenant namespace acted on when -n/--namespace is not given, e.g. SHIP'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l auth -xa 'client_secret certificate device_code' -d 'How tokens are obtained: client_secret, certificate or device_code'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l client-secret -x -d 'Client secret of the automation app (auth = client_secret) (env:VAR, file:PATH, command:CMD, or the secret itself)'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l certificate -rF -d 'PEM certificate of the automation app (auth = certificate)'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l private-key -rF -d 'PEM private key of that certificate (auth = certificate)'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l api-key -x -d 'API key of the namespace, sent as x-api-key (env:VAR, file:PATH, command:CMD, or the secret itself)'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l rate-limit -x -d 'Requests per second; 0 means unlimited'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l timeout -x -d 'Seconds a whole request may take'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l connect-timeout -x -d 'Seconds to establish a connection'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l ca-bundle -rF -d 'PEM file of CA certificates trusted for TLS'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l scope -x -d 'OAuth scope requested for API tokens'
complete -c techpass -n '__techpass_at \'techpass profile add\'' -l default -d 'Make it the default profile'

# techpass profile remove
complete -c techpass -n '__techpass_at \'techpass profile remove\'' -a '(__techpass_run profile list -o name)'

# techpass users
complete -c techpass -n '__techpass_at \'techpass users\'' -a 'register' -d 'Register a public officer with a government email'
complete -c techpass -n '__techpass_at \'techpass users\'' -a 'invite' -d 'Invite a non-integrated user (vendor, temp or other)'
complete -c techpass -n '__techpass_at \'techpass users\'' -a 'list' -d 'List user accounts'
complete -c techpass -n '__techpass_at \'techpass users\'' -a 'get' -d 'Show a user account'
complete -c techpass -n '__techpass_at \'techpass users\'' -a 'forecast' -d 'Show the accounts the lifecycle rules will disable, terminate or delete soon'
complete -c techpass -n '__techpass_at \'techpass users\'' -a 'disable' -d 'Disable a user account'
complete -c techpass -n '__techpass_at \'techpass users\'' -a 'enable' -d 'Re-enable a disabled user account'
complete -c techpass -n '__techpass_at \'techpass users\'' -a 'delete' -d 'Delete a user account'
complete -c techpass -n '__techpass_at \'techpass users\'' -a 'import' -d 'Register public officers in bulk from a CSV or JSON Lines file'

# techpass users register
complete -c techpass -n '__techpass_at \'techpass users register\'' -l mobile -x -d 'Singapore mobile number, e.g. +6591234567'
complete -c techpass -n '__techpass_at \'techpass users register\'' -l seed -d 'Also request SEED provisioning (a second email)'

# techpass users invite
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l first-name -x -d 'Given name'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l last-name -x -d 'Family name'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l mobile -x -d 'Singapore mobile number, e.g. +6591234567'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l company -x -d 'Company name'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l department -x -d 'Department'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l agency -x -d 'Sponsoring agency: the agency they work for'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l sponsoring-agency -x -d 'Sponsoring agency: the agency they work for'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l onshore -d 'They work from Singapore'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l offshore -d 'They work offshore (needs --odc and --seed)'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l odc -x -d 'Offshore Development Centre, or Others with --offshore-company'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l offshore-development-centre -x -d 'Offshore Development Centre, or Others with --offshore-company'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l offshore-company -x -d 'The offshore company, when --odc is Others'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l seed -d 'Request SEED provisioning (mandatory offshore)'
complete -c techpass -n '__techpass_at \'techpass users invite\'' -l account-type -x -d 'vendor, temp or other (default: vendor)'

# techpass users list
complete -c techpass -n '__techpass_at \'techpass users list\'' -l status -xa 'pending active disabled terminated' -d 'Only accounts in this state'
complete -c techpass -n '__techpass_at \'techpass users list\'' -l type -xa 'public_officer vendor temp product other' -d 'Only accounts of this type'
complete -c techpass -n '__techpass_at \'techpass users list\'' -l search -x -d 'Part of an email, username, first, last or display name'
complete -c techpass -n '__techpass_at \'techpass users list\'' -l inactive-days -x -d 'Only accounts without a sign-in for at least N days'
complete -c techpass -n '__techpass_at \'techpass users list\'' -s L -l limit -x -d 'Fetch at most this many users (default 100)'
complete -c techpass -n '__techpass_at \'techpass users list\'' -l all -d 'Fetch every user, page after page'

# techpass users get
complete -c techpass -n '__techpass_at \'techpass users get\'' -l seed -d 'Add SEED status and devices (slower)'

# techpass users forecast
complete -c techpass -n '__techpass_at \'techpass users forecast\'' -l days -x -d 'How far ahead to look, in days (default 30)'
complete -c techpass -n '__techpass_at \'techpass users forecast\'' -l as-of -x -d 'Forecast from TIME (RFC 3339) instead of now, e.g. after a holiday'
complete -c techpass -n '__techpass_at \'techpass users forecast\'' -l namespace-only -d 'Only the people of the run\'s namespace (as -n NS)'

# techpass users import
complete -c techpass -n '__techpass_at \'techpass users import\'' -l template -d 'Print an empty CSV file with the documented header, and stop'
complete -c techpass -n '__techpass_at \'techpass users import\'' -l resume -d 'Continue the import that the journal beside FILE records'
complete -c techpass -n '__techpass_at \'techpass users import\'' -l report -rF -d 'Write one line per input row to this .csv or .json file'
complete -c techpass -n '__techpass_at \'techpass users import\'' -l batch-size -x -d 'Rows per batch call, 1 to 1000 (default 100)'
complete -c techpass -n '__techpass_at \'techpass users import\'' -l concurrency -x -d 'Batches in flight at once, for unpaced profiles only (default 1)'

# techpass invitations
complete -c techpass -n '__techpass_at \'techpass invitations\'' -a 'list' -d 'List the invitations you sent'
complete -c techpass -n '__techpass_at \'techpass invitations\'' -a 'get' -d 'Show an invitation'
complete -c techpass -n '__techpass_at \'techpass invitations\'' -a 'resend' -d 'Send an invitation\'s registration link again'
complete -c techpass -n '__techpass_at \'techpass invitations\'' -a 'revoke' -d 'Withdraw an invitation'

# techpass invitations list
complete -c techpass -n '__techpass_at \'techpass invitations list\'' -l status -xa 'pending registered expired revoked replaced' -d 'Only invitations in this state'
complete -c techpass -n '__techpass_at \'techpass invitations list\'' -l email -x -d 'Only invitations to this email'
complete -c techpass -n '__techpass_at \'techpass invitations list\'' -s L -l limit -x -d 'Fetch at most this many invitations (default 100)'
complete -c techpass -n '__techpass_at \'techpass invitations list\'' -l all -d 'Fetch every invitation, page after page'

# techpass vendors
complete -c techpass -n '__techpass_at \'techpass vendors\'' -a 'invite' -d 'Invite a vendor'
complete -c techpass -n '__techpass_at \'techpass vendors\'' -a 'list' -d 'List vendors and their SEED status'
complete -c techpass -n '__techpass_at \'techpass vendors\'' -a 'get' -d 'Show a vendor and their SEED status'
complete -c techpass -n '__techpass_at \'techpass vendors\'' -a 'update' -d 'Change a vendor\'s profile'
complete -c techpass -n '__techpass_at \'techpass vendors\'' -a 'request-seed' -d 'Request SEED provisioning for a vendor'
complete -c techpass -n '__techpass_at \'techpass vendors\'' -a 'import' -d 'Invite vendors in bulk from a CSV or JSON Lines file'

# techpass vendors invite
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l first-name -x -d 'Given name'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l last-name -x -d 'Family name'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l mobile -x -d 'Singapore mobile number, e.g. +6591234567'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l company -x -d 'Company name'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l department -x -d 'Department'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l agency -x -d 'Sponsoring agency: the agency they work for'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l sponsoring-agency -x -d 'Sponsoring agency: the agency they work for'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l onshore -d 'They work from Singapore'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l offshore -d 'They work offshore (needs --odc and --seed)'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l odc -x -d 'Offshore Development Centre, or Others with --offshore-company'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l offshore-development-centre -x -d 'Offshore Development Centre, or Others with --offshore-company'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l offshore-company -x -d 'The offshore company, when --odc is Others'
complete -c techpass -n '__techpass_at \'techpass vendors invite\'' -l seed -d 'Request SEED provisioning (mandatory offshore)'

# techpass vendors list
complete -c techpass -n '__techpass_at \'techpass vendors list\'' -l seed-status -xa 'not_required license_assigned fully_onboarded' -d 'Only vendors in this SEED state'
complete -c techpass -n '__techpass_at \'techpass vendors list\'' -l search -x -d 'Part of an email, username, name or company'
complete -c techpass -n '__techpass_at \'techpass vendors list\'' -s L -l limit -x -d 'Fetch at most this many vendors (default 100)'
complete -c techpass -n '__techpass_at \'techpass vendors list\'' -l all -d 'Fetch every vendor, page after page'

# techpass vendors update
complete -c techpass -n '__techpass_at \'techpass vendors update\'' -l first-name -x -d 'New given name'
complete -c techpass -n '__techpass_at \'techpass vendors update\'' -l last-name -x -d 'New family name'
complete -c techpass -n '__techpass_at \'techpass vendors update\'' -l mobile -x -d 'New Singapore mobile number'
complete -c techpass -n '__techpass_at \'techpass vendors update\'' -l company -x -d 'New company name'
complete -c techpass -n '__techpass_at \'techpass vendors update\'' -l department -x -d 'New department'
complete -c techpass -n '__techpass_at \'techpass vendors update\'' -l agency -x -d 'New sponsoring agency'

# techpass vendors import
complete -c techpass -n '__techpass_at \'techpass vendors import\'' -l template -d 'Print an empty CSV file with the documented header, and stop'
complete -c techpass -n '__techpass_at \'techpass vendors import\'' -l resume -d 'Continue the import that the journal beside FILE records'
complete -c techpass -n '__techpass_at \'techpass vendors import\'' -l report -rF -d 'Write one line per input row to this .csv or .json file'
complete -c techpass -n '__techpass_at \'techpass vendors import\'' -l batch-size -x -d 'Rows per batch call, 1 to 1000 (default 100)'
complete -c techpass -n '__techpass_at \'techpass vendors import\'' -l concurrency -x -d 'Batches in flight at once, for unpaced profiles only (default 1)'

# techpass namespaces
complete -c techpass -n '__techpass_at \'techpass namespaces\'' -a 'list' -d 'List the namespaces you administer'
complete -c techpass -n '__techpass_at \'techpass namespaces\'' -a 'get' -d 'Show a namespace and its admins'
complete -c techpass -n '__techpass_at \'techpass namespaces\'' -a 'update' -d 'Change a namespace\'s display name or description'
complete -c techpass -n '__techpass_at \'techpass namespaces\'' -a 'admins' -d 'Manage the tenant admins of a namespace'

# techpass namespaces list
complete -c techpass -n '__techpass_at \'techpass namespaces list\'' -s L -l limit -x -d 'Fetch at most this many namespaces (default 100)'
complete -c techpass -n '__techpass_at \'techpass namespaces list\'' -l all -d 'Fetch every namespace, page after page'

# techpass namespaces get
complete -c techpass -n '__techpass_at \'techpass namespaces get\'' -a '(__techpass_run __complete namespaces)'

# techpass namespaces update
complete -c techpass -n '__techpass_at \'techpass namespaces update\'' -a '(__techpass_run __complete namespaces)'
complete -c techpass -n '__techpass_at \'techpass namespaces update\'' -l display-name -x -d 'New display name'
complete -c techpass -n '__techpass_at \'techpass namespaces update\'' -s d -l description -x -d 'New description (\'\' clears it)'

# techpass namespaces admins
complete -c techpass -n '__techpass_at \'techpass namespaces admins\'' -a 'list' -d 'List the tenant admins of a namespace'
complete -c techpass -n '__techpass_at \'techpass namespaces admins\'' -a 'add' -d 'Make a public officer a tenant admin'
complete -c techpass -n '__techpass_at \'techpass namespaces admins\'' -a 'remove' -d 'Remove a tenant admin'

# techpass namespaces admins list
complete -c techpass -n '__techpass_at \'techpass namespaces admins list\'' -a '(__techpass_run __complete namespaces)'
complete -c techpass -n '__techpass_at \'techpass namespaces admins list\'' -s L -l limit -x -d 'Fetch at most this many admins (default 100)'
complete -c techpass -n '__techpass_at \'techpass namespaces admins list\'' -l all -d 'Fetch every admin, page after page'

# techpass groups
complete -c techpass -n '__techpass_at \'techpass groups\'' -a 'list' -d 'List the groups of a namespace'
complete -c techpass -n '__techpass_at \'techpass groups\'' -a 'get' -d 'Show a group and its direct members'
complete -c techpass -n '__techpass_at \'techpass groups\'' -a 'create' -d 'Create a group'
complete -c techpass -n '__techpass_at \'techpass groups\'' -a 'update' -d 'Rename a group or change its description'
complete -c techpass -n '__techpass_at \'techpass groups\'' -a 'delete' -d 'Delete a group'
complete -c techpass -n '__techpass_at \'techpass groups\'' -a 'members' -d 'Manage the direct members of a group'

# techpass groups list
complete -c techpass -n '__techpass_at \'techpass groups list\'' -s L -l limit -x -d 'Fetch at most this many groups (default 100)'
complete -c techpass -n '__techpass_at \'techpass groups list\'' -l all -d 'Fetch every group, page after page'

# techpass groups get
complete -c techpass -n '__techpass_at \'techpass groups get\'' -a '(__techpass_run __complete groups)'

# techpass groups create
complete -c techpass -n '__techpass_at \'techpass groups create\'' -s d -l description -x -d 'What the group is for'

# techpass groups update
complete -c techpass -n '__techpass_at \'techpass groups update\'' -a '(__techpass_run __complete groups)'
complete -c techpass -n '__techpass_at \'techpass groups update\'' -l name -x -d 'New name'
complete -c techpass -n '__techpass_at \'techpass groups update\'' -s d -l description -x -d 'New description (\'\' clears it)'

# techpass groups delete
complete -c techpass -n '__techpass_at \'techpass groups delete\'' -a '(__techpass_run __complete groups)'

# techpass groups members
complete -c techpass -n '__techpass_at \'techpass groups members\'' -a 'list' -d 'List the direct members of a group'
complete -c techpass -n '__techpass_at \'techpass groups members\'' -a 'add' -d 'Add users or groups to a group'
complete -c techpass -n '__techpass_at \'techpass groups members\'' -a 'remove' -d 'Remove users or groups from a group'

# techpass groups members list
complete -c techpass -n '__techpass_at \'techpass groups members list\'' -a '(__techpass_run __complete groups)'
complete -c techpass -n '__techpass_at \'techpass groups members list\'' -l type -xa 'user group' -d 'Only members of this kind: user or group'
complete -c techpass -n '__techpass_at \'techpass groups members list\'' -s L -l limit -x -d 'Fetch at most this many members (default 100)'
complete -c techpass -n '__techpass_at \'techpass groups members list\'' -l all -d 'Fetch every member, page after page'

# techpass groups members add
complete -c techpass -n '__techpass_at \'techpass groups members add\'' -a '(__techpass_run __complete groups)'
complete -c techpass -n '__techpass_at \'techpass groups members add\'' -l user -x -d 'A user to add by id, email or username (repeatable)'
complete -c techpass -n '__techpass_at \'techpass groups members add\'' -l group -xa '(__techpass_run __complete groups)' -d 'A group to add by id or name (repeatable)'

# techpass groups members remove
complete -c techpass -n '__techpass_at \'techpass groups members remove\'' -a '(__techpass_run __complete groups)'
complete -c techpass -n '__techpass_at \'techpass groups members remove\'' -l user -x -d 'A user to remove by id, email or username (repeatable)'
complete -c techpass -n '__techpass_at \'techpass groups members remove\'' -l group -xa '(__techpass_run __complete groups)' -d 'A group to remove by id or name (repeatable)'

# techpass apps
complete -c techpass -n '__techpass_at \'techpass apps\'' -a 'list' -d 'List the apps of a namespace'
complete -c techpass -n '__techpass_at \'techpass apps\'' -a 'get' -d 'Show an app, with its sign-in endpoints'
complete -c techpass -n '__techpass_at \'techpass apps\'' -a 'create' -d 'Register an app'
complete -c techpass -n '__techpass_at \'techpass apps\'' -a 'update' -d 'Change an app\'s settings'
complete -c techpass -n '__techpass_at \'techpass apps\'' -a 'delete' -d 'Delete an app'
complete -c techpass -n '__techpass_at \'techpass apps\'' -a 'secrets' -d 'Manage an app\'s client secrets'
complete -c techpass -n '__techpass_at \'techpass apps\'' -a 'certs' -d 'Manage an app\'s certificates'
complete -c techpass -n '__techpass_at \'techpass apps\'' -a 'assignments' -d 'Manage who may sign in to an app'
complete -c techpass -n '__techpass_at \'techpass apps\'' -a 'try-signin' -d 'Try "Sign in with TechPass" on an app, as one of its users would'

# techpass apps list
complete -c techpass -n '__techpass_at \'techpass apps list\'' -s L -l limit -x -d 'Fetch at most this many apps (default 100)'
complete -c techpass -n '__techpass_at \'techpass apps list\'' -l all -d 'Fetch every app, page after page'

# techpass apps get
complete -c techpass -n '__techpass_at \'techpass apps get\'' -a '(__techpass_run __complete apps)'

# techpass apps create
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l redirect-url -x -d 'A redirect URL (repeat for more)'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l homepage-url -x -d 'The app\'s home page'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l logout-url -x -d 'Its front-channel logout URL'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l sign-in -d 'Let users sign in (default on; --no-sign-in stops it)'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l no-sign-in -d 'Let users sign in (default on; --no-sign-in stops it)'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l assignment-required -d 'Only assigned users and groups may sign in (default on)'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l no-assignment-required -d 'Only assigned users and groups may sign in (default on)'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l published -d 'List the app in the users\' app launcher'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l no-published -d 'List the app in the users\' app launcher'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l seed-required -d 'Sign-in needs a SEED-managed device (needs assignment required)'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l no-seed-required -d 'Sign-in needs a SEED-managed device (needs assignment required)'
complete -c techpass -n '__techpass_at \'techpass apps create\'' -l owner -x -d 'An owner, by email or user id (repeat; you are always one)'

# techpass apps update
complete -c techpass -n '__techpass_at \'techpass apps update\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l name -x -d 'A new display name'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l homepage-url -x -d 'New home page (\'\' removes)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l logout-url -x -d 'New logout URL (\'\' removes)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l add-redirect-url -x -d 'Add a redirect URL (repeat for more)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l remove-redirect-url -x -d 'Remove a redirect URL (repeat for more)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l sign-in -d 'Let users sign in (default on; --no-sign-in stops it)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l no-sign-in -d 'Let users sign in (default on; --no-sign-in stops it)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l assignment-required -d 'Only assigned users and groups may sign in (default on)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l no-assignment-required -d 'Only assigned users and groups may sign in (default on)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l published -d 'List the app in the users\' app launcher'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l no-published -d 'List the app in the users\' app launcher'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l seed-required -d 'Sign-in needs a SEED-managed device (needs assignment required)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l no-seed-required -d 'Sign-in needs a SEED-managed device (needs assignment required)'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l grant-consent -d 'Grant consent for the default OIDC scopes'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l revoke-consent -d 'Withdraw that consent'
complete -c techpass -n '__techpass_at \'techpass apps update\'' -l owner -x -d 'Replace the owners with these (repeat), by email or user id'

# techpass apps delete
complete -c techpass -n '__techpass_at \'techpass apps delete\'' -a '(__techpass_run __complete apps)'

# techpass apps secrets
complete -c techpass -n '__techpass_at \'techpass apps secrets\'' -a 'list' -d 'List an app\'s client secrets'
complete -c techpass -n '__techpass_at \'techpass apps secrets\'' -a 'add' -d 'Add a client secret to an app'
complete -c techpass -n '__techpass_at \'techpass apps secrets\'' -a 'delete' -d 'Delete a client secret of an app'
complete -c techpass -n '__techpass_at \'techpass apps secrets\'' -a 'rotate' -d 'Add a new client secret, and delete the older ones when asked'

# techpass apps secrets list
complete -c techpass -n '__techpass_at \'techpass apps secrets list\'' -a '(__techpass_run __complete apps)'

# techpass apps secrets add
complete -c techpass -n '__techpass_at \'techpass apps secrets add\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass apps secrets add\'' -s d -l description -x -d 'What the secret is for'
complete -c techpass -n '__techpass_at \'techpass apps secrets add\'' -l out -x -d 'Write the new secret to this new file (mode 0600) instead of printing it'

# techpass apps secrets delete
complete -c techpass -n '__techpass_at \'techpass apps secrets delete\'' -a '(__techpass_run __complete apps)'

# techpass apps secrets rotate
complete -c techpass -n '__techpass_at \'techpass apps secrets rotate\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass apps secrets rotate\'' -s d -l description -x -d 'What the secret is for'
complete -c techpass -n '__techpass_at \'techpass apps secrets rotate\'' -l out -x -d 'Write the new secret to this new file (mode 0600) instead of printing it'
complete -c techpass -n '__techpass_at \'techpass apps secrets rotate\'' -l delete-old -d 'After the new secret is delivered, delete the older ones'

# techpass apps certs
complete -c techpass -n '__techpass_at \'techpass apps certs\'' -a 'list' -d 'List an app\'s certificates'
complete -c techpass -n '__techpass_at \'techpass apps certs\'' -a 'add' -d 'Upload a certificate to an app'
complete -c techpass -n '__techpass_at \'techpass apps certs\'' -a 'delete' -d 'Delete a certificate of an app'
complete -c techpass -n '__techpass_at \'techpass apps certs\'' -a 'create' -d 'Make a key pair and certificate locally, upload the certificate, print the profile'

# techpass apps certs list
complete -c techpass -n '__techpass_at \'techpass apps certs list\'' -a '(__techpass_run __complete apps)'

# techpass apps certs add
complete -c techpass -n '__techpass_at \'techpass apps certs add\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass apps certs add\'' -s d -l description -x -d 'What the certificate is for'

# techpass apps certs delete
complete -c techpass -n '__techpass_at \'techpass apps certs delete\'' -a '(__techpass_run __complete apps)'

# techpass apps certs create
complete -c techpass -n '__techpass_at \'techpass apps certs create\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass apps certs create\'' -s d -l description -x -d 'What the certificate is for'
complete -c techpass -n '__techpass_at \'techpass apps certs create\'' -l key-out -rF -d 'Write the private key to this new file'
complete -c techpass -n '__techpass_at \'techpass apps certs create\'' -l cert-out -rF -d 'Write the certificate to this new file'
complete -c techpass -n '__techpass_at \'techpass apps certs create\'' -l days -x -d 'Validity in days (default 365)'

# techpass apps assignments
complete -c techpass -n '__techpass_at \'techpass apps assignments\'' -a 'list' -d 'List who is assigned to an app, and who can sign in through each assignment'
complete -c techpass -n '__techpass_at \'techpass apps assignments\'' -a 'add' -d 'Assign users or groups to an app'
complete -c techpass -n '__techpass_at \'techpass apps assignments\'' -a 'remove' -d 'Remove users or groups from an app\'s assignments'

# techpass apps assignments list
complete -c techpass -n '__techpass_at \'techpass apps assignments list\'' -a '(__techpass_run __complete apps)'

# techpass apps assignments add
complete -c techpass -n '__techpass_at \'techpass apps assignments add\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass apps assignments add\'' -l user -x -d 'A user to assign by id, email or username (repeatable)'
complete -c techpass -n '__techpass_at \'techpass apps assignments add\'' -l group -xa '(__techpass_run __complete groups)' -d 'A group to assign by id or name (repeatable)'

# techpass apps assignments remove
complete -c techpass -n '__techpass_at \'techpass apps assignments remove\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass apps assignments remove\'' -l user -x -d 'A user to remove by id, email or username (repeatable)'
complete -c techpass -n '__techpass_at \'techpass apps assignments remove\'' -l group -xa '(__techpass_run __complete groups)' -d 'A group to remove by id or name (repeatable)'

# techpass apps try-signin
complete -c techpass -n '__techpass_at \'techpass apps try-signin\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass apps try-signin\'' -l user -x -d 'Who is expected to sign in (fills in the sign-in page), by email'
complete -c techpass -n '__techpass_at \'techpass apps try-signin\'' -l no-browser -d 'Only print the sign-in address; do not open a browser'

# techpass apikeys
complete -c techpass -n '__techpass_at \'techpass apikeys\'' -a 'list' -d 'List the API keys of a namespace'
complete -c techpass -n '__techpass_at \'techpass apikeys\'' -a 'create' -d 'Create an API key'
complete -c techpass -n '__techpass_at \'techpass apikeys\'' -a 'revoke' -d 'Revoke an API key'

# techpass apikeys create
complete -c techpass -n '__techpass_at \'techpass apikeys create\'' -l out -x -d 'Write the new key to this new file (mode 0600) instead of printing it'

# techpass webhooks
complete -c techpass -n '__techpass_at \'techpass webhooks\'' -a 'list' -d 'List the webhooks of a namespace'
complete -c techpass -n '__techpass_at \'techpass webhooks\'' -a 'get' -d 'Show a webhook'
complete -c techpass -n '__techpass_at \'techpass webhooks\'' -a 'create' -d 'Register a webhook'
complete -c techpass -n '__techpass_at \'techpass webhooks\'' -a 'update' -d 'Change a webhook'
complete -c techpass -n '__techpass_at \'techpass webhooks\'' -a 'delete' -d 'Delete a webhook'
complete -c techpass -n '__techpass_at \'techpass webhooks\'' -a 'test' -d 'Send a test delivery to a webhook'
complete -c techpass -n '__techpass_at \'techpass webhooks\'' -a 'listen' -d 'Receive webhook deliveries on this machine'
complete -c techpass -n '__techpass_at \'techpass webhooks\'' -a 'verify' -d 'Check the signature and age of a captured delivery'

# techpass webhooks list
complete -c techpass -n '__techpass_at \'techpass webhooks list\'' -s L -l limit -x -d 'Fetch at most this many webhooks (default 100)'
complete -c techpass -n '__techpass_at \'techpass webhooks list\'' -l all -d 'Fetch every webhook, page after page'

# techpass webhooks create
complete -c techpass -n '__techpass_at \'techpass webhooks create\'' -l url -x -d 'Receiver URL: https (http for localhost only)'
complete -c techpass -n '__techpass_at \'techpass webhooks create\'' -s e -l event -x -d 'An event to deliver: user-invited, user-registered, user-updated, user-deleted, user-disabled, invitation-expired, group-member-added, group-member-removed'
complete -c techpass -n '__techpass_at \'techpass webhooks create\'' -s H -l header -x -d 'A custom header \'Name: value\' sent with each delivery (up to 5)'
complete -c techpass -n '__techpass_at \'techpass webhooks create\'' -s d -l description -x -d 'What the webhook is for'
complete -c techpass -n '__techpass_at \'techpass webhooks create\'' -l out -x -d 'Write the signing secret to this new file (mode 0600) instead of printing it'

# techpass webhooks update
complete -c techpass -n '__techpass_at \'techpass webhooks update\'' -l url -x -d 'New receiver URL (challenged first)'
complete -c techpass -n '__techpass_at \'techpass webhooks update\'' -s e -l event -x -d 'Deliver exactly these events'
complete -c techpass -n '__techpass_at \'techpass webhooks update\'' -l add-event -x -d 'Also deliver this event'
complete -c techpass -n '__techpass_at \'techpass webhooks update\'' -l remove-event -x -d 'Stop delivering this event'
complete -c techpass -n '__techpass_at \'techpass webhooks update\'' -s H -l header -x -d 'Replace the custom headers (\'Name: value\', up to 5)'
complete -c techpass -n '__techpass_at \'techpass webhooks update\'' -l clear-headers -d 'Remove every custom header'
complete -c techpass -n '__techpass_at \'techpass webhooks update\'' -s d -l description -x -d 'New description'

# techpass webhooks listen
complete -c techpass -n '__techpass_at \'techpass webhooks listen\'' -l port -x -d 'Port to listen on (default 8787; 0: any free port)'
complete -c techpass -n '__techpass_at \'techpass webhooks listen\'' -l host -x -d 'Address to listen on (default 127.0.0.1, this machine only)'
complete -c techpass -n '__techpass_at \'techpass webhooks listen\'' -l secret-file -x -d 'File holding the webhook\'s signing secret (else $TECHPASS_WEBHOOK_SECRET)'
complete -c techpass -n '__techpass_at \'techpass webhooks listen\'' -l forward-to -x -d 'Pass verified deliveries on to this URL'

# techpass webhooks verify
complete -c techpass -n '__techpass_at \'techpass webhooks verify\'' -l secret-file -x -d 'File holding the webhook\'s signing secret (else $TECHPASS_WEBHOOK_SECRET)'
complete -c techpass -n '__techpass_at \'techpass webhooks verify\'' -s H -l header -x -d 'A header of the delivery, \'Name: value\' (X-TECHPASS-SIGNATURE at least)'
complete -c techpass -n '__techpass_at \'techpass webhooks verify\'' -l body -x -d 'The raw body, as received (\'-\': stdin)'
complete -c techpass -n '__techpass_at \'techpass webhooks verify\'' -l ignore-age -d 'Check the signature only, not the 5-minute limit'

# techpass whitelists
complete -c techpass -n '__techpass_at \'techpass whitelists\'' -a 'list' -d 'List the OTP whitelist of an app'
complete -c techpass -n '__techpass_at \'techpass whitelists\'' -a 'add' -d 'Add email domains and addresses to an app\'s OTP whitelist'
complete -c techpass -n '__techpass_at \'techpass whitelists\'' -a 'update' -d 'Change an OTP whitelist entry\'s expiry or value'
complete -c techpass -n '__techpass_at \'techpass whitelists\'' -a 'delete' -d 'Remove entries from an app\'s OTP whitelist'

# techpass whitelists list
complete -c techpass -n '__techpass_at \'techpass whitelists list\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass whitelists list\'' -l type -x -d 'Which entries: all, domain or email'
complete -c techpass -n '__techpass_at \'techpass whitelists list\'' -s L -l limit -x -d 'Fetch at most this many entries (default 100)'
complete -c techpass -n '__techpass_at \'techpass whitelists list\'' -l all -d 'Fetch every entrie, page after page'

# techpass whitelists add
complete -c techpass -n '__techpass_at \'techpass whitelists add\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass whitelists add\'' -s f -l file -x -d 'Read entries from FILE: one per line, or CSV (value, expiresAt)'
complete -c techpass -n '__techpass_at \'techpass whitelists add\'' -l expires-at -x -d 'Expiry (RFC 3339) of the entries that have none of their own'
complete -c techpass -n '__techpass_at \'techpass whitelists add\'' -l report -x -d 'Write every entry\'s outcome to FILE (.csv or .json)'

# techpass whitelists update
complete -c techpass -n '__techpass_at \'techpass whitelists update\'' -a '(__techpass_run __complete apps)'
complete -c techpass -n '__techpass_at \'techpass whitelists update\'' -l expires-at -x -d 'New expiry, RFC 3339 (any offset; sent in UTC)'
complete -c techpass -n '__techpass_at \'techpass whitelists update\'' -l no-expiry -d 'Remove the expiry'
complete -c techpass -n '__techpass_at \'techpass whitelists update\'' -l value -x -d 'New value, of the same kind'

# techpass whitelists delete
complete -c techpass -n '__techpass_at \'techpass whitelists delete\'' -a '(__techpass_run __complete apps)'

# techpass tenants
complete -c techpass -n '__techpass_at \'techpass tenants\'' -a 'request' -d 'Ask the TechPass team for a tenant namespace'
complete -c techpass -n '__techpass_at \'techpass tenants\'' -a 'requests' -d 'Follow your tenant requests'

# techpass tenants request
complete -c techpass -n '__techpass_at \'techpass tenants request\'' -l service -x -d 'The service\'s name'
complete -c techpass -n '__techpass_at \'techpass tenants request\'' -l description -x -d 'What the service does'
complete -c techpass -n '__techpass_at \'techpass tenants request\'' -l contact -x -d 'Whom the TechPass team should contact'

# techpass tenants requests
complete -c techpass -n '__techpass_at \'techpass tenants requests\'' -a 'list' -d 'List your tenant requests'
complete -c techpass -n '__techpass_at \'techpass tenants requests\'' -a 'get' -d 'Show a tenant request and its decision'

# techpass tenants requests list
complete -c techpass -n '__techpass_at \'techpass tenants requests list\'' -l status -xa 'pending approved rejected' -d 'Only requests in this state'
complete -c techpass -n '__techpass_at \'techpass tenants requests list\'' -s L -l limit -x -d 'Fetch at most this many requests (default 100)'
complete -c techpass -n '__techpass_at \'techpass tenants requests list\'' -l all -d 'Fetch every request, page after page'

# techpass access
complete -c techpass -n '__techpass_at \'techpass access\'' -a 'review' -d 'List who can sign in to each app of a namespace, for the quarterly review'
complete -c techpass -n '__techpass_at \'techpass access\'' -a 'apply' -d 'Carry out the revoke decisions of an access review'

# techpass access review
complete -c techpass -n '__techpass_at \'techpass access review\'' -l app -xa '(__techpass_run __complete apps)' -d 'Only this app (its name or app id)'
complete -c techpass -n '__techpass_at \'techpass access review\'' -l out -x -d 'Write the review to FILE (CSV, or JSON for .json)'

# techpass plan
complete -c techpass -n '__techpass_at \'techpass plan\'' -s f -l file -x -d 'The tenant file (techpass-tenant(5))'
complete -c techpass -n '__techpass_at \'techpass plan\'' -l prune -d 'Also delete what the file does not mention (never without this flag)'
complete -c techpass -n '__techpass_at \'techpass plan\'' -l detailed-exitcode -d 'Exit 0 when there is nothing to change, 10 when there is'

# techpass apply
complete -c techpass -n '__techpass_at \'techpass apply\'' -s f -l file -x -d 'The tenant file (techpass-tenant(5))'
complete -c techpass -n '__techpass_at \'techpass apply\'' -l prune -d 'Also delete what the file does not mention (never without this flag)'
complete -c techpass -n '__techpass_at \'techpass apply\'' -l secrets-out -x -d 'Add the one-time secrets apply creates to FILE (0600, a JSON object a line)'

# techpass export
complete -c techpass -n '__techpass_at \'techpass export\'' -a '(__techpass_run __complete namespaces)'
complete -c techpass -n '__techpass_at \'techpass export\'' -l out -x -d 'Write the tenant file to FILE (replaced if it exists)'

# techpass api
complete -c techpass -n '__techpass_at \'techpass api\'' -a 'GET POST PUT PATCH DELETE'
complete -c techpass -n '__techpass_at \'techpass api\'' -s d -l data -rF -d 'Request body: JSON, @FILE, or - for standard input'
complete -c techpass -n '__techpass_at \'techpass api\'' -s H -l header -x -d 'Add a request header (repeatable)'
complete -c techpass -n '__techpass_at \'techpass api\'' -l paginate -d 'Follow lastKey and merge every page into one document'

# techpass completion
complete -c techpass -n '__techpass_at \'techpass completion\'' -a 'bash zsh fish'
