# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_admin_proxy_global_optspecs
    string join \n db= org= actor= format= y/yes h/help V/version
end

function __fish_admin_proxy_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_admin_proxy_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_admin_proxy_using_subcommand
    set -l cmd (__fish_admin_proxy_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "list" -d 'List the users you may impersonate (`list` alone), or sessions'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "start" -d 'Start impersonating a user'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "status" -d 'Show whom you are impersonating and the time left'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "stop" -d 'End your impersonation session, or a given one'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "act" -d 'Record an action taken inside your session'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "request" -d 'Ask another super admin\'s approval to impersonate a user'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "approve" -d 'Approve another admin\'s request to impersonate (super admins)'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "reject" -d 'Reject another admin\'s request to impersonate (super admins)'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "sessions" -d 'Housekeeping of sessions, for cron'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "notifications" -d 'Deliver the notices owed to impersonated users'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "users" -d 'Import, list and protect the users of an org'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "grant" -d 'Make a user a super admin or an HR admin'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "revoke" -d 'Take a user\'s admin role away (back to user)'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "config" -d 'Show and change the org\'s settings'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "org" -d 'Create and list orgs'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "operator" -d 'Add vendor operators'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "audit" -d 'Export and verify the audit log'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "init" -d 'Create the store (safe to run again)'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "demo" -d 'Load a sample org and walk through a session'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "man" -d 'Print the man page'
complete -c admin-proxy -n "__fish_admin_proxy_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -l search -d 'Only users whose name or email contains TEXT (any case, any script)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -l limit -d 'Show at most N users' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -f -a "users" -d 'The users you may impersonate, by name'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -f -a "sessions" -d 'Impersonation sessions and how each ended'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -f -a "requests" -d 'Requests to impersonate and their decisions'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and not __fish_seen_subcommand_from users sessions requests help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from users" -l search -d 'Only users whose name or email contains TEXT (any case, any script)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from users" -l limit -d 'Show at most N users' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from users" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from users" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from users" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from users" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from users" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from users" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from users" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from sessions" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from sessions" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from sessions" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from sessions" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from sessions" -l active -d 'Only sessions that have not ended'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from sessions" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from sessions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from sessions" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from requests" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from requests" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from requests" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from requests" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from requests" -l pending -d 'Only requests still waiting for a decision'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from requests" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from requests" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from requests" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from help" -f -a "users" -d 'The users you may impersonate, by name'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from help" -f -a "sessions" -d 'Impersonation sessions and how each ended'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from help" -f -a "requests" -d 'Requests to impersonate and their decisions'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand list; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand start" -l reason -d 'Why (required when the org\'s require-reason is on)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand start" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand start" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand start" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand start" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand start" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand start" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand status" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand status" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand status" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand status" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand status" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand status" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand stop" -l session -d 'End this session instead of your own (its actor, a super admin or an operator)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand stop" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand stop" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand stop" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand stop" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand stop" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand stop" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand act" -l detail -d 'More about the action, as a JSON object' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand act" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand act" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand act" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand act" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand act" -l change -d 'The action changes the user\'s data (the user is notified)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand act" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand act" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand act" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand request" -l reason -d 'Why (always required: the super admin who decides reads it)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand request" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand request" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand request" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand request" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand request" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand request" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand request" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand approve" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand approve" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand approve" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand approve" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand approve" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand approve" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand reject" -l reason -d 'Why, for the record' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand reject" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand reject" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand reject" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand reject" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand reject" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand reject" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand reject" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and not __fish_seen_subcommand_from sweep help" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and not __fish_seen_subcommand_from sweep help" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and not __fish_seen_subcommand_from sweep help" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and not __fish_seen_subcommand_from sweep help" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and not __fish_seen_subcommand_from sweep help" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and not __fish_seen_subcommand_from sweep help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and not __fish_seen_subcommand_from sweep help" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and not __fish_seen_subcommand_from sweep help" -f -a "sweep" -d 'End every overdue session and report how many (for cron)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and not __fish_seen_subcommand_from sweep help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and __fish_seen_subcommand_from sweep" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and __fish_seen_subcommand_from sweep" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and __fish_seen_subcommand_from sweep" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and __fish_seen_subcommand_from sweep" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and __fish_seen_subcommand_from sweep" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and __fish_seen_subcommand_from sweep" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and __fish_seen_subcommand_from sweep" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "sweep" -d 'End every overdue session and report how many (for cron)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and not __fish_seen_subcommand_from drain help" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and not __fish_seen_subcommand_from drain help" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and not __fish_seen_subcommand_from drain help" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and not __fish_seen_subcommand_from drain help" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and not __fish_seen_subcommand_from drain help" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and not __fish_seen_subcommand_from drain help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and not __fish_seen_subcommand_from drain help" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and not __fish_seen_subcommand_from drain help" -f -a "drain" -d 'Print pending notifications as JSON lines and mark them delivered'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and not __fish_seen_subcommand_from drain help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and __fish_seen_subcommand_from drain" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and __fish_seen_subcommand_from drain" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and __fish_seen_subcommand_from drain" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and __fish_seen_subcommand_from drain" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and __fish_seen_subcommand_from drain" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and __fish_seen_subcommand_from drain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and __fish_seen_subcommand_from drain" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and __fish_seen_subcommand_from help" -f -a "drain" -d 'Print pending notifications as JSON lines and mark them delivered'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand notifications; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -f -a "import" -d 'Create or update users from a CSV file (all or nothing)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -f -a "list" -d 'List every user of the org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -f -a "protect" -d 'Protect a user: nobody may impersonate them (ends the sessions that do)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -f -a "unprotect" -d 'Let a protected user be impersonated again, by the usual rules'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and not __fish_seen_subcommand_from import list protect unprotect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from import" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from import" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from import" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from import" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from import" -l dry-run -d 'Check the file and report what would change, without writing'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from list" -l search -d 'Only users whose name or email contains TEXT (any case, any script)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from list" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from list" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from list" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from list" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from protect" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from protect" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from protect" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from protect" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from protect" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from protect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from protect" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from unprotect" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from unprotect" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from unprotect" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from unprotect" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from unprotect" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from unprotect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from unprotect" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "import" -d 'Create or update users from a CSV file (all or nothing)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every user of the org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "protect" -d 'Protect a user: nobody may impersonate them (ends the sessions that do)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "unprotect" -d 'Let a protected user be impersonated again, by the usual rules'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and not __fish_seen_subcommand_from super-admin hr-admin help" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and not __fish_seen_subcommand_from super-admin hr-admin help" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and not __fish_seen_subcommand_from super-admin hr-admin help" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and not __fish_seen_subcommand_from super-admin hr-admin help" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and not __fish_seen_subcommand_from super-admin hr-admin help" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and not __fish_seen_subcommand_from super-admin hr-admin help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and not __fish_seen_subcommand_from super-admin hr-admin help" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and not __fish_seen_subcommand_from super-admin hr-admin help" -f -a "super-admin" -d 'Make a user a super admin'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and not __fish_seen_subcommand_from super-admin hr-admin help" -f -a "hr-admin" -d 'Make a user an HR admin over some groups, or the whole org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and not __fish_seen_subcommand_from super-admin hr-admin help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from super-admin" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from super-admin" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from super-admin" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from super-admin" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from super-admin" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from super-admin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from super-admin" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from hr-admin" -l scope -d 'The groups the HR admin may reach (repeat, or separate with \';\')' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from hr-admin" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from hr-admin" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from hr-admin" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from hr-admin" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from hr-admin" -l all-groups -d 'The HR admin may reach the whole org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from hr-admin" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from hr-admin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from hr-admin" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from help" -f -a "super-admin" -d 'Make a user a super admin'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from help" -f -a "hr-admin" -d 'Make a user an HR admin over some groups, or the whole org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand grant; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand revoke" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand revoke" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand revoke" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand revoke" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand revoke" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand revoke" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -f -a "show" -d 'Show every setting of the org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -f -a "get" -d 'Print one setting\'s value'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -f -a "set" -d 'Change one setting'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and not __fish_seen_subcommand_from show get set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from show" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from show" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from show" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from get" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from get" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from get" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from get" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from get" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from set" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from set" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from set" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from set" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show every setting of the org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print one setting\'s value'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change one setting'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and not __fish_seen_subcommand_from create list help" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and not __fish_seen_subcommand_from create list help" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and not __fish_seen_subcommand_from create list help" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and not __fish_seen_subcommand_from create list help" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and not __fish_seen_subcommand_from create list help" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and not __fish_seen_subcommand_from create list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and not __fish_seen_subcommand_from create list help" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and not __fish_seen_subcommand_from create list help" -f -a "create" -d 'Create an org (operators)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and not __fish_seen_subcommand_from create list help" -f -a "list" -d 'List orgs (operators see all, others their own)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and not __fish_seen_subcommand_from create list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from create" -l name -d 'The org\'s display name' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from create" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from create" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from create" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from create" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from list" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from list" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from list" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from list" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an org (operators)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "list" -d 'List orgs (operators see all, others their own)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and not __fish_seen_subcommand_from add help" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and not __fish_seen_subcommand_from add help" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and not __fish_seen_subcommand_from add help" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and not __fish_seen_subcommand_from add help" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and not __fish_seen_subcommand_from add help" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and not __fish_seen_subcommand_from add help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and not __fish_seen_subcommand_from add help" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and not __fish_seen_subcommand_from add help" -f -a "add" -d 'Add an operator (the first needs no actor, later ones an operator)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and not __fish_seen_subcommand_from add help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and __fish_seen_subcommand_from add" -l role -d 'The operator\'s role' -r -f -a "program-architect\t''
customer-success-manager\t''"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and __fish_seen_subcommand_from add" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and __fish_seen_subcommand_from add" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and __fish_seen_subcommand_from add" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and __fish_seen_subcommand_from add" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an operator (the first needs no actor, later ones an operator)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand operator; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -f -a "export" -d 'Stream audit rows as CSV (or JSON lines with --format jsonl)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -f -a "tail" -d 'Print the rows committed after a seq as JSON lines, and with --follow as they come'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -f -a "review" -d 'Per admin who held a role in a period: role, grant, sessions, time, denials, approvals'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -f -a "verify" -d 'Check every row against its hash chain, in the store or in an export'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -f -a "keygen" -d 'Make an Ed25519 key pair to sign checkpoints (no store, no actor)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -f -a "checkpoint" -d 'Print each chain\'s head as a signed note, to be kept off the store\'s host'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and not __fish_seen_subcommand_from export tail review verify keygen checkpoint help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l since -d 'Rows at or after this time (RFC 3339, or YYYY-MM-DD for midnight UTC)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l until -d 'Rows before this time (RFC 3339, or YYYY-MM-DD for midnight UTC)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l event -d 'Only this event (repeatable); `impersonation.*` for a family' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l by -d 'Only rows whose actor is EMAIL' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l target -d 'Only rows whose target is EMAIL' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l after -d 'Only rows after this seq (exclusive): resume after the last row already seen' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to FILE (complete or not at all) instead of stdout' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -l all-orgs -d 'Every org\'s rows and the vendor\'s (operators)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from tail" -l after -d 'Only rows after this seq (exclusive) [default: every row]' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from tail" -l event -d 'Only this event (repeatable); `impersonation.*` for a family' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from tail" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from tail" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from tail" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from tail" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from tail" -s f -l follow -d 'Keep printing rows as they are committed, until interrupted'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from tail" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from tail" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from review" -l since -d 'The period\'s start (RFC 3339, or YYYY-MM-DD for midnight UTC) [default: the log\'s start]' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from review" -l until -d 'The period\'s end, exclusive (RFC 3339, or YYYY-MM-DD for midnight UTC) [default: now]' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from review" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from review" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from review" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from review" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from review" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from review" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from review" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -l file -d 'Check this export (JSON lines or CSV, told from its first bytes) instead of the store; needs no store and no actor' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -l against -d 'FILE is a filtered export: check this full export instead, and that every row of FILE is in it, field for field' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -l head -d 'A head kept earlier (repeatable): the chain must still hold row SEQ with hash HASH; ORG empty or (vendor) for the vendor\'s chain' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -l checkpoint -d 'Signed checkpoints kept earlier (from `audit checkpoint`): each chain must extend them' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -l public-key -d 'The public key the checkpoints were signed with: the key itself, or its file' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from keygen" -l out -d 'Where to write checkpoint.key and checkpoint.pub [default: $XDG_CONFIG_HOME/admin-proxy, or ~/.config/admin-proxy]' -r -f -a "(__fish_complete_directories)"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from keygen" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from keygen" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from keygen" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from keygen" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from keygen" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from keygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from keygen" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l key -d 'The private key to sign with [default: checkpoint.key in $XDG_CONFIG_HOME/admin-proxy, or ~/.config/admin-proxy]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from checkpoint" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "export" -d 'Stream audit rows as CSV (or JSON lines with --format jsonl)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "tail" -d 'Print the rows committed after a seq as JSON lines, and with --follow as they come'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "review" -d 'Per admin who held a role in a period: role, grant, sessions, time, denials, approvals'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check every row against its hash chain, in the store or in an export'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "keygen" -d 'Make an Ed25519 key pair to sign checkpoints (no store, no actor)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "checkpoint" -d 'Print each chain\'s head as a signed note, to be kept off the store\'s host'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand init" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand init" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand init" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand init" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand init" -l test-clock -d 'Create a test-clock store, which honours ADMIN_PROXY_NOW (for tests and replays); a store\'s clock is fixed when it is created'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand init" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand init" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand demo" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand demo" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand demo" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand demo" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand demo" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand demo" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand completions" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand completions" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand completions" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand completions" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand completions" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand completions" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand man" -l db -d 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]' -r -F
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand man" -l org -d 'The org to work in (may be left out when the store holds exactly one)' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand man" -l actor -d 'Who runs the command: an operator, or a user of the org' -r
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand man" -l format -d 'How to print results: tables for people; json, jsonl or csv for scripts' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON document (an array for lists)'
jsonl\t'One JSON object per line'
csv\t'Comma-separated values with a header'"
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand man" -s y -l yes -d 'Answer yes to the confirmation prompt (for scripts)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand man" -s V -l version -d 'Print version'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "list" -d 'List the users you may impersonate (`list` alone), or sessions'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "start" -d 'Start impersonating a user'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "status" -d 'Show whom you are impersonating and the time left'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "stop" -d 'End your impersonation session, or a given one'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "act" -d 'Record an action taken inside your session'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "request" -d 'Ask another super admin\'s approval to impersonate a user'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "approve" -d 'Approve another admin\'s request to impersonate (super admins)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "reject" -d 'Reject another admin\'s request to impersonate (super admins)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "sessions" -d 'Housekeeping of sessions, for cron'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "notifications" -d 'Deliver the notices owed to impersonated users'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "users" -d 'Import, list and protect the users of an org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "grant" -d 'Make a user a super admin or an HR admin'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "revoke" -d 'Take a user\'s admin role away (back to user)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "config" -d 'Show and change the org\'s settings'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "org" -d 'Create and list orgs'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "operator" -d 'Add vendor operators'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "audit" -d 'Export and verify the audit log'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "init" -d 'Create the store (safe to run again)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "demo" -d 'Load a sample org and walk through a session'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "completions" -d 'Print shell completions'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "man" -d 'Print the man page'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and not __fish_seen_subcommand_from list start status stop act request approve reject sessions notifications users grant revoke config org operator audit init demo completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from list" -f -a "users" -d 'The users you may impersonate, by name'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from list" -f -a "sessions" -d 'Impersonation sessions and how each ended'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from list" -f -a "requests" -d 'Requests to impersonate and their decisions'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "sweep" -d 'End every overdue session and report how many (for cron)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from notifications" -f -a "drain" -d 'Print pending notifications as JSON lines and mark them delivered'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "import" -d 'Create or update users from a CSV file (all or nothing)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "list" -d 'List every user of the org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "protect" -d 'Protect a user: nobody may impersonate them (ends the sessions that do)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "unprotect" -d 'Let a protected user be impersonated again, by the usual rules'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from grant" -f -a "super-admin" -d 'Make a user a super admin'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from grant" -f -a "hr-admin" -d 'Make a user an HR admin over some groups, or the whole org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show every setting of the org'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print one setting\'s value'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Change one setting'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "create" -d 'Create an org (operators)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "list" -d 'List orgs (operators see all, others their own)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from operator" -f -a "add" -d 'Add an operator (the first needs no actor, later ones an operator)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "export" -d 'Stream audit rows as CSV (or JSON lines with --format jsonl)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "tail" -d 'Print the rows committed after a seq as JSON lines, and with --follow as they come'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "review" -d 'Per admin who held a role in a period: role, grant, sessions, time, denials, approvals'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check every row against its hash chain, in the store or in an export'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "keygen" -d 'Make an Ed25519 key pair to sign checkpoints (no store, no actor)'
complete -c admin-proxy -n "__fish_admin_proxy_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "checkpoint" -d 'Print each chain\'s head as a signed note, to be kept off the store\'s host'
