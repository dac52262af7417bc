
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'admin-proxy' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'admin-proxy'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'admin-proxy' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users you may impersonate (`list` alone), or sessions')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start impersonating a user')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whom you are impersonating and the time left')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'End your impersonation session, or a given one')
            [CompletionResult]::new('act', 'act', [CompletionResultType]::ParameterValue, 'Record an action taken inside your session')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Ask another super admin''s approval to impersonate a user')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve another admin''s request to impersonate (super admins)')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Reject another admin''s request to impersonate (super admins)')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'Housekeeping of sessions, for cron')
            [CompletionResult]::new('notifications', 'notifications', [CompletionResultType]::ParameterValue, 'Deliver the notices owed to impersonated users')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Import, list and protect the users of an org')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Make a user a super admin or an HR admin')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take a user''s admin role away (back to user)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change the org''s settings')
            [CompletionResult]::new('org', 'org', [CompletionResultType]::ParameterValue, 'Create and list orgs')
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'Add vendor operators')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Export and verify the audit log')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the store (safe to run again)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Load a sample org and walk through a session')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;list' {
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only users whose name or email contains TEXT (any case, any script)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N users')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'The users you may impersonate, by name')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'Impersonation sessions and how each ended')
            [CompletionResult]::new('requests', 'requests', [CompletionResultType]::ParameterValue, 'Requests to impersonate and their decisions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;list;users' {
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only users whose name or email contains TEXT (any case, any script)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N users')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;list;sessions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Only sessions that have not ended')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;list;requests' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'Only requests still waiting for a decision')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;list;help' {
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'The users you may impersonate, by name')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'Impersonation sessions and how each ended')
            [CompletionResult]::new('requests', 'requests', [CompletionResultType]::ParameterValue, 'Requests to impersonate and their decisions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;list;help;users' {
            break
        }
        'admin-proxy;list;help;sessions' {
            break
        }
        'admin-proxy;list;help;requests' {
            break
        }
        'admin-proxy;list;help;help' {
            break
        }
        'admin-proxy;start' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (required when the org''s require-reason is on)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;stop' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'End this session instead of your own (its actor, a super admin or an operator)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;act' {
            [CompletionResult]::new('--detail', '--detail', [CompletionResultType]::ParameterName, 'More about the action, as a JSON object')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('--change', '--change', [CompletionResultType]::ParameterName, 'The action changes the user''s data (the user is notified)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;request' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (always required: the super admin who decides reads it)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;approve' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;reject' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why, for the record')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;sessions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('sweep', 'sweep', [CompletionResultType]::ParameterValue, 'End every overdue session and report how many (for cron)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;sessions;sweep' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;sessions;help' {
            [CompletionResult]::new('sweep', 'sweep', [CompletionResultType]::ParameterValue, 'End every overdue session and report how many (for cron)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;sessions;help;sweep' {
            break
        }
        'admin-proxy;sessions;help;help' {
            break
        }
        'admin-proxy;notifications' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('drain', 'drain', [CompletionResultType]::ParameterValue, 'Print pending notifications as JSON lines and mark them delivered')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;notifications;drain' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;notifications;help' {
            [CompletionResult]::new('drain', 'drain', [CompletionResultType]::ParameterValue, 'Print pending notifications as JSON lines and mark them delivered')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;notifications;help;drain' {
            break
        }
        'admin-proxy;notifications;help;help' {
            break
        }
        'admin-proxy;users' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update users from a CSV file (all or nothing)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every user of the org')
            [CompletionResult]::new('protect', 'protect', [CompletionResultType]::ParameterValue, 'Protect a user: nobody may impersonate them (ends the sessions that do)')
            [CompletionResult]::new('unprotect', 'unprotect', [CompletionResultType]::ParameterValue, 'Let a protected user be impersonated again, by the usual rules')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;users;import' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check the file and report what would change, without writing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;users;list' {
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only users whose name or email contains TEXT (any case, any script)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;users;protect' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;users;unprotect' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;users;help' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update users from a CSV file (all or nothing)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every user of the org')
            [CompletionResult]::new('protect', 'protect', [CompletionResultType]::ParameterValue, 'Protect a user: nobody may impersonate them (ends the sessions that do)')
            [CompletionResult]::new('unprotect', 'unprotect', [CompletionResultType]::ParameterValue, 'Let a protected user be impersonated again, by the usual rules')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;users;help;import' {
            break
        }
        'admin-proxy;users;help;list' {
            break
        }
        'admin-proxy;users;help;protect' {
            break
        }
        'admin-proxy;users;help;unprotect' {
            break
        }
        'admin-proxy;users;help;help' {
            break
        }
        'admin-proxy;grant' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('super-admin', 'super-admin', [CompletionResultType]::ParameterValue, 'Make a user a super admin')
            [CompletionResult]::new('hr-admin', 'hr-admin', [CompletionResultType]::ParameterValue, 'Make a user an HR admin over some groups, or the whole org')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;grant;super-admin' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;grant;hr-admin' {
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'The groups the HR admin may reach (repeat, or separate with '';'')')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('--all-groups', '--all-groups', [CompletionResultType]::ParameterName, 'The HR admin may reach the whole org')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;grant;help' {
            [CompletionResult]::new('super-admin', 'super-admin', [CompletionResultType]::ParameterValue, 'Make a user a super admin')
            [CompletionResult]::new('hr-admin', 'hr-admin', [CompletionResultType]::ParameterValue, 'Make a user an HR admin over some groups, or the whole org')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;grant;help;super-admin' {
            break
        }
        'admin-proxy;grant;help;hr-admin' {
            break
        }
        'admin-proxy;grant;help;help' {
            break
        }
        'admin-proxy;revoke' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;config' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every setting of the org')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;config;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;config;get' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;config;set' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every setting of the org')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;config;help;show' {
            break
        }
        'admin-proxy;config;help;get' {
            break
        }
        'admin-proxy;config;help;set' {
            break
        }
        'admin-proxy;config;help;help' {
            break
        }
        'admin-proxy;org' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an org (operators)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List orgs (operators see all, others their own)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;org;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The org''s display name')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;org;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;org;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an org (operators)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List orgs (operators see all, others their own)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;org;help;create' {
            break
        }
        'admin-proxy;org;help;list' {
            break
        }
        'admin-proxy;org;help;help' {
            break
        }
        'admin-proxy;operator' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an operator (the first needs no actor, later ones an operator)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;operator;add' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The operator''s role')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;operator;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an operator (the first needs no actor, later ones an operator)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;operator;help;add' {
            break
        }
        'admin-proxy;operator;help;help' {
            break
        }
        'admin-proxy;audit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Stream audit rows as CSV (or JSON lines with --format jsonl)')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Print the rows committed after a seq as JSON lines, and with --follow as they come')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Per admin who held a role in a period: role, grant, sessions, time, denials, approvals')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every row against its hash chain, in the store or in an export')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make an Ed25519 key pair to sign checkpoints (no store, no actor)')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Print each chain''s head as a signed note, to be kept off the store''s host')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;audit;export' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Rows at or after this time (RFC 3339, or YYYY-MM-DD for midnight UTC)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Rows before this time (RFC 3339, or YYYY-MM-DD for midnight UTC)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event (repeatable); `impersonation.*` for a family')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Only rows whose actor is EMAIL')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Only rows whose target is EMAIL')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only rows after this seq (exclusive): resume after the last row already seen')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (complete or not at all) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (complete or not at all) instead of stdout')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('--all-orgs', '--all-orgs', [CompletionResultType]::ParameterName, 'Every org''s rows and the vendor''s (operators)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;audit;tail' {
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Only rows after this seq (exclusive) [default: every row]')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event (repeatable); `impersonation.*` for a family')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing rows as they are committed, until interrupted')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing rows as they are committed, until interrupted')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;audit;review' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The period''s start (RFC 3339, or YYYY-MM-DD for midnight UTC) [default: the log''s start]')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'The period''s end, exclusive (RFC 3339, or YYYY-MM-DD for midnight UTC) [default: now]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;audit;verify' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Check this export (JSON lines or CSV, told from its first bytes) instead of the store; needs no store and no actor')
            [CompletionResult]::new('--against', '--against', [CompletionResultType]::ParameterName, 'FILE is a filtered export: check this full export instead, and that every row of FILE is in it, field for field')
            [CompletionResult]::new('--head', '--head', [CompletionResultType]::ParameterName, 'A head kept earlier (repeatable): the chain must still hold row SEQ with hash HASH; ORG empty or (vendor) for the vendor''s chain')
            [CompletionResult]::new('--checkpoint', '--checkpoint', [CompletionResultType]::ParameterName, 'Signed checkpoints kept earlier (from `audit checkpoint`): each chain must extend them')
            [CompletionResult]::new('--public-key', '--public-key', [CompletionResultType]::ParameterName, 'The public key the checkpoints were signed with: the key itself, or its file')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;audit;keygen' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write checkpoint.key and checkpoint.pub [default: $XDG_CONFIG_HOME/admin-proxy, or ~/.config/admin-proxy]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;audit;checkpoint' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key to sign with [default: checkpoint.key in $XDG_CONFIG_HOME/admin-proxy, or ~/.config/admin-proxy]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;audit;help' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Stream audit rows as CSV (or JSON lines with --format jsonl)')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Print the rows committed after a seq as JSON lines, and with --follow as they come')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Per admin who held a role in a period: role, grant, sessions, time, denials, approvals')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every row against its hash chain, in the store or in an export')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make an Ed25519 key pair to sign checkpoints (no store, no actor)')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Print each chain''s head as a signed note, to be kept off the store''s host')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;audit;help;export' {
            break
        }
        'admin-proxy;audit;help;tail' {
            break
        }
        'admin-proxy;audit;help;review' {
            break
        }
        'admin-proxy;audit;help;verify' {
            break
        }
        'admin-proxy;audit;help;keygen' {
            break
        }
        'admin-proxy;audit;help;checkpoint' {
            break
        }
        'admin-proxy;audit;help;help' {
            break
        }
        'admin-proxy;init' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('--test-clock', '--test-clock', [CompletionResultType]::ParameterName, 'Create a test-clock store, which honours ADMIN_PROXY_NOW (for tests and replays); a store''s clock is fixed when it is created')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;demo' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;man' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The org to work in (may be left out when the store holds exactly one)')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who runs the command: an operator, or a user of the org')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print results: tables for people; json, jsonl or csv for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to the confirmation prompt (for scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'admin-proxy;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users you may impersonate (`list` alone), or sessions')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start impersonating a user')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whom you are impersonating and the time left')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'End your impersonation session, or a given one')
            [CompletionResult]::new('act', 'act', [CompletionResultType]::ParameterValue, 'Record an action taken inside your session')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Ask another super admin''s approval to impersonate a user')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve another admin''s request to impersonate (super admins)')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Reject another admin''s request to impersonate (super admins)')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'Housekeeping of sessions, for cron')
            [CompletionResult]::new('notifications', 'notifications', [CompletionResultType]::ParameterValue, 'Deliver the notices owed to impersonated users')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Import, list and protect the users of an org')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Make a user a super admin or an HR admin')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Take a user''s admin role away (back to user)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change the org''s settings')
            [CompletionResult]::new('org', 'org', [CompletionResultType]::ParameterValue, 'Create and list orgs')
            [CompletionResult]::new('operator', 'operator', [CompletionResultType]::ParameterValue, 'Add vendor operators')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Export and verify the audit log')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the store (safe to run again)')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Load a sample org and walk through a session')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'admin-proxy;help;list' {
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'The users you may impersonate, by name')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'Impersonation sessions and how each ended')
            [CompletionResult]::new('requests', 'requests', [CompletionResultType]::ParameterValue, 'Requests to impersonate and their decisions')
            break
        }
        'admin-proxy;help;list;users' {
            break
        }
        'admin-proxy;help;list;sessions' {
            break
        }
        'admin-proxy;help;list;requests' {
            break
        }
        'admin-proxy;help;start' {
            break
        }
        'admin-proxy;help;status' {
            break
        }
        'admin-proxy;help;stop' {
            break
        }
        'admin-proxy;help;act' {
            break
        }
        'admin-proxy;help;request' {
            break
        }
        'admin-proxy;help;approve' {
            break
        }
        'admin-proxy;help;reject' {
            break
        }
        'admin-proxy;help;sessions' {
            [CompletionResult]::new('sweep', 'sweep', [CompletionResultType]::ParameterValue, 'End every overdue session and report how many (for cron)')
            break
        }
        'admin-proxy;help;sessions;sweep' {
            break
        }
        'admin-proxy;help;notifications' {
            [CompletionResult]::new('drain', 'drain', [CompletionResultType]::ParameterValue, 'Print pending notifications as JSON lines and mark them delivered')
            break
        }
        'admin-proxy;help;notifications;drain' {
            break
        }
        'admin-proxy;help;users' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update users from a CSV file (all or nothing)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every user of the org')
            [CompletionResult]::new('protect', 'protect', [CompletionResultType]::ParameterValue, 'Protect a user: nobody may impersonate them (ends the sessions that do)')
            [CompletionResult]::new('unprotect', 'unprotect', [CompletionResultType]::ParameterValue, 'Let a protected user be impersonated again, by the usual rules')
            break
        }
        'admin-proxy;help;users;import' {
            break
        }
        'admin-proxy;help;users;list' {
            break
        }
        'admin-proxy;help;users;protect' {
            break
        }
        'admin-proxy;help;users;unprotect' {
            break
        }
        'admin-proxy;help;grant' {
            [CompletionResult]::new('super-admin', 'super-admin', [CompletionResultType]::ParameterValue, 'Make a user a super admin')
            [CompletionResult]::new('hr-admin', 'hr-admin', [CompletionResultType]::ParameterValue, 'Make a user an HR admin over some groups, or the whole org')
            break
        }
        'admin-proxy;help;grant;super-admin' {
            break
        }
        'admin-proxy;help;grant;hr-admin' {
            break
        }
        'admin-proxy;help;revoke' {
            break
        }
        'admin-proxy;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every setting of the org')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting')
            break
        }
        'admin-proxy;help;config;show' {
            break
        }
        'admin-proxy;help;config;get' {
            break
        }
        'admin-proxy;help;config;set' {
            break
        }
        'admin-proxy;help;org' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an org (operators)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List orgs (operators see all, others their own)')
            break
        }
        'admin-proxy;help;org;create' {
            break
        }
        'admin-proxy;help;org;list' {
            break
        }
        'admin-proxy;help;operator' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an operator (the first needs no actor, later ones an operator)')
            break
        }
        'admin-proxy;help;operator;add' {
            break
        }
        'admin-proxy;help;audit' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Stream audit rows as CSV (or JSON lines with --format jsonl)')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Print the rows committed after a seq as JSON lines, and with --follow as they come')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Per admin who held a role in a period: role, grant, sessions, time, denials, approvals')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every row against its hash chain, in the store or in an export')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make an Ed25519 key pair to sign checkpoints (no store, no actor)')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Print each chain''s head as a signed note, to be kept off the store''s host')
            break
        }
        'admin-proxy;help;audit;export' {
            break
        }
        'admin-proxy;help;audit;tail' {
            break
        }
        'admin-proxy;help;audit;review' {
            break
        }
        'admin-proxy;help;audit;verify' {
            break
        }
        'admin-proxy;help;audit;keygen' {
            break
        }
        'admin-proxy;help;audit;checkpoint' {
            break
        }
        'admin-proxy;help;init' {
            break
        }
        'admin-proxy;help;demo' {
            break
        }
        'admin-proxy;help;completions' {
            break
        }
        'admin-proxy;help;man' {
            break
        }
        'admin-proxy;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
