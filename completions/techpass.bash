# bash completion for techpass                              -*- shell-script -*-
# Generated from the command tree by techpass-gen-docs; do not edit.
# Install: copy to /usr/share/bash-completion/completions/techpass, or
#   source <(techpass completion bash)

__techpass_value_flags=" -p --profile -n --namespace -o --output --jq --fields --timeout --config --api-url --authority --directory-id --client-id --auth --client-secret --certificate --private-key --api-key --rate-limit --connect-timeout --ca-bundle --scope --mobile --first-name --last-name --company --department --agency --sponsoring-agency --odc --offshore-development-centre --offshore-company --account-type --status --type --search --inactive-days -L --limit --days --as-of --report --batch-size --concurrency --email --seed-status --display-name -d --description --name --user --group --redirect-url --homepage-url --logout-url --owner --add-redirect-url --remove-redirect-url --out --key-out --cert-out --url -e --event -H --header --add-event --remove-event --port --host --secret-file --forward-to --body -f --file --expires-at --value --service --contact --app --secrets-out --data "

__techpass_subcommands() {
    case "$1" in
    "techpass") echo "auth profile users invitations vendors namespaces groups apps apikeys webhooks whitelists tenants access plan apply export api completion version" ;;
    "techpass auth") echo "login status token logout" ;;
    "techpass profile") echo "list show use set add remove" ;;
    "techpass users") echo "register invite list get forecast disable enable delete import" ;;
    "techpass invitations") echo "list get resend revoke" ;;
    "techpass vendors") echo "invite list get update request-seed import" ;;
    "techpass namespaces") echo "list get update admins" ;;
    "techpass namespaces admins") echo "list add remove" ;;
    "techpass groups") echo "list get create update delete members" ;;
    "techpass groups members") echo "list add remove" ;;
    "techpass apps") echo "list get create update delete secrets certs assignments try-signin" ;;
    "techpass apps secrets") echo "list add delete rotate" ;;
    "techpass apps certs") echo "list add delete create" ;;
    "techpass apps assignments") echo "list add remove" ;;
    "techpass apikeys") echo "list create revoke" ;;
    "techpass webhooks") echo "list get create update delete test listen verify" ;;
    "techpass whitelists") echo "list add update delete" ;;
    "techpass tenants") echo "request requests" ;;
    "techpass tenants requests") echo "list get" ;;
    "techpass access") echo "review apply" ;;
    esac
}

__techpass_flags() {
    case "$1" in
    "techpass") echo "-p --profile -n --namespace -o --output --jq --fields --no-input -y --yes --dry-run -v --verbose --debug --no-color --timeout --config --version -h --help" ;;
    "techpass profile set") echo "--unset" ;;
    "techpass profile add") echo "--api-url --authority --directory-id --client-id --namespace --auth --client-secret --certificate --private-key --api-key --rate-limit --timeout --connect-timeout --ca-bundle --scope --default" ;;
    "techpass users register") echo "--mobile --seed" ;;
    "techpass users invite") echo "--first-name --last-name --mobile --company --department --agency --sponsoring-agency --onshore --offshore --odc --offshore-development-centre --offshore-company --seed --account-type" ;;
    "techpass users list") echo "--status --type --search --inactive-days -L --limit --all" ;;
    "techpass users get") echo "--seed" ;;
    "techpass users forecast") echo "--days --as-of --namespace-only" ;;
    "techpass users import") echo "--template --resume --report --batch-size --concurrency" ;;
    "techpass invitations list") echo "--status --email -L --limit --all" ;;
    "techpass vendors invite") echo "--first-name --last-name --mobile --company --department --agency --sponsoring-agency --onshore --offshore --odc --offshore-development-centre --offshore-company --seed" ;;
    "techpass vendors list") echo "--seed-status --search -L --limit --all" ;;
    "techpass vendors update") echo "--first-name --last-name --mobile --company --department --agency" ;;
    "techpass vendors import") echo "--template --resume --report --batch-size --concurrency" ;;
    "techpass namespaces list") echo "-L --limit --all" ;;
    "techpass namespaces update") echo "--display-name -d --description" ;;
    "techpass namespaces admins list") echo "-L --limit --all" ;;
    "techpass groups list") echo "-L --limit --all" ;;
    "techpass groups create") echo "-d --description" ;;
    "techpass groups update") echo "--name -d --description" ;;
    "techpass groups members list") echo "--type -L --limit --all" ;;
    "techpass groups members add") echo "--user --group" ;;
    "techpass groups members remove") echo "--user --group" ;;
    "techpass apps list") echo "-L --limit --all" ;;
    "techpass apps create") echo "--redirect-url --homepage-url --logout-url --sign-in --no-sign-in --assignment-required --no-assignment-required --published --no-published --seed-required --no-seed-required --owner" ;;
    "techpass apps update") echo "--name --homepage-url --logout-url --add-redirect-url --remove-redirect-url --sign-in --no-sign-in --assignment-required --no-assignment-required --published --no-published --seed-required --no-seed-required --grant-consent --revoke-consent --owner" ;;
    "techpass apps secrets add") echo "-d --description --out" ;;
    "techpass apps secrets rotate") echo "-d --description --out --delete-old" ;;
    "techpass apps certs add") echo "-d --description" ;;
    "techpass apps certs create") echo "-d --description --key-out --cert-out --days" ;;
    "techpass apps assignments add") echo "--user --group" ;;
    "techpass apps assignments remove") echo "--user --group" ;;
    "techpass apps try-signin") echo "--user --no-browser" ;;
    "techpass apikeys create") echo "--out" ;;
    "techpass webhooks list") echo "-L --limit --all" ;;
    "techpass webhooks create") echo "--url -e --event -H --header -d --description --out" ;;
    "techpass webhooks update") echo "--url -e --event --add-event --remove-event -H --header --clear-headers -d --description" ;;
    "techpass webhooks listen") echo "--port --host --secret-file --forward-to" ;;
    "techpass webhooks verify") echo "--secret-file -H --header --body --ignore-age" ;;
    "techpass whitelists list") echo "--type -L --limit --all" ;;
    "techpass whitelists add") echo "-f --file --expires-at --report" ;;
    "techpass whitelists update") echo "--expires-at --no-expiry --value" ;;
    "techpass tenants request") echo "--service --description --contact" ;;
    "techpass tenants requests list") echo "--status -L --limit --all" ;;
    "techpass access review") echo "--app --out" ;;
    "techpass plan") echo "-f --file --prune --detailed-exitcode" ;;
    "techpass apply") echo "-f --file --prune --secrets-out" ;;
    "techpass export") echo "--out" ;;
    "techpass api") echo "-d --data -H --header --paginate" ;;
    esac
}

# The first argument's values of command $1; $2 is the techpass being run.
__techpass_arguments() {
    case "$1" in
    "techpass profile show") __techpass_run "$2" profile list -o name ;;
    "techpass profile use") __techpass_run "$2" profile list -o name ;;
    "techpass profile set") echo "api_url authority directory_id client_id namespace auth client_secret certificate private_key api_key rate_limit timeout connect_timeout ca_bundle scope" ;;
    "techpass profile remove") __techpass_run "$2" profile list -o name ;;
    "techpass namespaces get") __techpass_run "$2" __complete namespaces ;;
    "techpass namespaces update") __techpass_run "$2" __complete namespaces ;;
    "techpass namespaces admins list") __techpass_run "$2" __complete namespaces ;;
    "techpass groups get") __techpass_run "$2" __complete groups ;;
    "techpass groups update") __techpass_run "$2" __complete groups ;;
    "techpass groups delete") __techpass_run "$2" __complete groups ;;
    "techpass groups members list") __techpass_run "$2" __complete groups ;;
    "techpass groups members add") __techpass_run "$2" __complete groups ;;
    "techpass groups members remove") __techpass_run "$2" __complete groups ;;
    "techpass apps get") __techpass_run "$2" __complete apps ;;
    "techpass apps update") __techpass_run "$2" __complete apps ;;
    "techpass apps delete") __techpass_run "$2" __complete apps ;;
    "techpass apps secrets list") __techpass_run "$2" __complete apps ;;
    "techpass apps secrets add") __techpass_run "$2" __complete apps ;;
    "techpass apps secrets delete") __techpass_run "$2" __complete apps ;;
    "techpass apps secrets rotate") __techpass_run "$2" __complete apps ;;
    "techpass apps certs list") __techpass_run "$2" __complete apps ;;
    "techpass apps certs add") __techpass_run "$2" __complete apps ;;
    "techpass apps certs delete") __techpass_run "$2" __complete apps ;;
    "techpass apps certs create") __techpass_run "$2" __complete apps ;;
    "techpass apps assignments list") __techpass_run "$2" __complete apps ;;
    "techpass apps assignments add") __techpass_run "$2" __complete apps ;;
    "techpass apps assignments remove") __techpass_run "$2" __complete apps ;;
    "techpass apps try-signin") __techpass_run "$2" __complete apps ;;
    "techpass whitelists list") __techpass_run "$2" __complete apps ;;
    "techpass whitelists add") __techpass_run "$2" __complete apps ;;
    "techpass whitelists update") __techpass_run "$2" __complete apps ;;
    "techpass whitelists delete") __techpass_run "$2" __complete apps ;;
    "techpass export") __techpass_run "$2" __complete namespaces ;;
    "techpass api") echo "GET POST PUT PATCH DELETE" ;;
    "techpass completion") echo "bash zsh fish" ;;
    esac
}

# Completes the value ($3) of flag $2 of command $1; $4 is the techpass being run.
__techpass_flag_values() {
    COMPREPLY=()
    case "$1 $2" in
    "techpass profile add --auth") mapfile -t COMPREPLY < <(compgen -W "client_secret certificate device_code" -- "$3") ;;
    "techpass profile add --certificate") mapfile -t COMPREPLY < <(compgen -f -- "$3") ;;
    "techpass profile add --private-key") mapfile -t COMPREPLY < <(compgen -f -- "$3") ;;
    "techpass profile add --ca-bundle") mapfile -t COMPREPLY < <(compgen -f -- "$3") ;;
    "techpass users list --status") mapfile -t COMPREPLY < <(compgen -W "pending active disabled terminated" -- "$3") ;;
    "techpass users list --type") mapfile -t COMPREPLY < <(compgen -W "public_officer vendor temp product other" -- "$3") ;;
    "techpass users import --report") mapfile -t COMPREPLY < <(compgen -f -- "$3") ;;
    "techpass invitations list --status") mapfile -t COMPREPLY < <(compgen -W "pending registered expired revoked replaced" -- "$3") ;;
    "techpass vendors list --seed-status") mapfile -t COMPREPLY < <(compgen -W "not_required license_assigned fully_onboarded" -- "$3") ;;
    "techpass vendors import --report") mapfile -t COMPREPLY < <(compgen -f -- "$3") ;;
    "techpass groups members list --type") mapfile -t COMPREPLY < <(compgen -W "user group" -- "$3") ;;
    "techpass groups members add --group") mapfile -t COMPREPLY < <(compgen -W "$(__techpass_run "$4" __complete groups)" -- "$3") ;;
    "techpass groups members remove --group") mapfile -t COMPREPLY < <(compgen -W "$(__techpass_run "$4" __complete groups)" -- "$3") ;;
    "techpass apps certs create --key-out") mapfile -t COMPREPLY < <(compgen -f -- "$3") ;;
    "techpass apps certs create --cert-out") mapfile -t COMPREPLY < <(compgen -f -- "$3") ;;
    "techpass apps assignments add --group") mapfile -t COMPREPLY < <(compgen -W "$(__techpass_run "$4" __complete groups)" -- "$3") ;;
    "techpass apps assignments remove --group") mapfile -t COMPREPLY < <(compgen -W "$(__techpass_run "$4" __complete groups)" -- "$3") ;;
    "techpass tenants requests list --status") mapfile -t COMPREPLY < <(compgen -W "pending approved rejected" -- "$3") ;;
    "techpass access review --app") mapfile -t COMPREPLY < <(compgen -W "$(__techpass_run "$4" __complete apps)" -- "$3") ;;
    "techpass api -d" | "techpass api --data") mapfile -t COMPREPLY < <(compgen -f -- "$3") ;;
    *" -p" | *" --profile") mapfile -t COMPREPLY < <(compgen -W "$(__techpass_run "$4" profile list -o name)" -- "$3") ;;
    *" -n" | *" --namespace") mapfile -t COMPREPLY < <(compgen -W "$(__techpass_run "$4" __complete namespaces)" -- "$3") ;;
    *" -o" | *" --output") mapfile -t COMPREPLY < <(compgen -W "table json yaml csv tsv name" -- "$3") ;;
    *" --config") mapfile -t COMPREPLY < <(compgen -f -- "$3") ;;
    esac
}

# Runs techpass ($1) with the rest of the arguments, after the -p, -n and
# --config of the command line being completed; errors are not shown.
__techpass_run() {
    local techpass=$1
    shift
    "$techpass" "${__techpass_context[@]}" "$@" 2>/dev/null
}

_techpass() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD - 1]}"
    local path="techpass" word i expect_value=0 words
    __techpass_context=()
    # The command path so far: flags and their values are skipped.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        if ((expect_value)); then
            expect_value=0
            case "${COMP_WORDS[i - 1]}" in
            -p | --profile | -n | --namespace | --config) __techpass_context+=("${COMP_WORDS[i - 1]}" "$word") ;;
            esac
        elif [[ $word == -* ]]; then
            [[ $__techpass_value_flags == *" $word "* ]] && expect_value=1
        elif [[ " $(__techpass_subcommands "$path") " == *" $word "* ]]; then
            path="$path $word"
        fi
    done
    if ((expect_value)); then
        __techpass_flag_values "$path" "$prev" "$cur" "${COMP_WORDS[0]}"
        return 0
    fi
    if [[ $cur == -* ]]; then
        words="$(__techpass_flags "$path")"
        [[ $path == techpass ]] || words="$words $(__techpass_flags techpass)"
    else
        words="$(__techpass_subcommands "$path")"
        [[ -n $words ]] || words="$(__techpass_arguments "$path" "${COMP_WORDS[0]}")"
    fi
    mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
}

complete -F _techpass techpass
