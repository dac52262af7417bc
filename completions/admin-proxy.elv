
use builtin;
use str;

set edit:completion:arg-completer[admin-proxy] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'admin-proxy'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'admin-proxy'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the users you may impersonate (`list` alone), or sessions'
            cand start 'Start impersonating a user'
            cand status 'Show whom you are impersonating and the time left'
            cand stop 'End your impersonation session, or a given one'
            cand act 'Record an action taken inside your session'
            cand request 'Ask another super admin''s approval to impersonate a user'
            cand approve 'Approve another admin''s request to impersonate (super admins)'
            cand reject 'Reject another admin''s request to impersonate (super admins)'
            cand sessions 'Housekeeping of sessions, for cron'
            cand notifications 'Deliver the notices owed to impersonated users'
            cand users 'Import, list and protect the users of an org'
            cand grant 'Make a user a super admin or an HR admin'
            cand revoke 'Take a user''s admin role away (back to user)'
            cand config 'Show and change the org''s settings'
            cand org 'Create and list orgs'
            cand operator 'Add vendor operators'
            cand audit 'Export and verify the audit log'
            cand init 'Create the store (safe to run again)'
            cand demo 'Load a sample org and walk through a session'
            cand completions 'Print shell completions'
            cand man 'Print the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;list'= {
            cand --search 'Only users whose name or email contains TEXT (any case, any script)'
            cand --limit 'Show at most N users'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand users 'The users you may impersonate, by name'
            cand sessions 'Impersonation sessions and how each ended'
            cand requests 'Requests to impersonate and their decisions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;list;users'= {
            cand --search 'Only users whose name or email contains TEXT (any case, any script)'
            cand --limit 'Show at most N users'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;list;sessions'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand --active 'Only sessions that have not ended'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;list;requests'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand --pending 'Only requests still waiting for a decision'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;list;help'= {
            cand users 'The users you may impersonate, by name'
            cand sessions 'Impersonation sessions and how each ended'
            cand requests 'Requests to impersonate and their decisions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;list;help;users'= {
        }
        &'admin-proxy;list;help;sessions'= {
        }
        &'admin-proxy;list;help;requests'= {
        }
        &'admin-proxy;list;help;help'= {
        }
        &'admin-proxy;start'= {
            cand --reason 'Why (required when the org''s require-reason is on)'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;status'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;stop'= {
            cand --session 'End this session instead of your own (its actor, a super admin or an operator)'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;act'= {
            cand --detail 'More about the action, as a JSON object'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand --change 'The action changes the user''s data (the user is notified)'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;request'= {
            cand --reason 'Why (always required: the super admin who decides reads it)'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;approve'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;reject'= {
            cand --reason 'Why, for the record'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;sessions'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand sweep 'End every overdue session and report how many (for cron)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;sessions;sweep'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;sessions;help'= {
            cand sweep 'End every overdue session and report how many (for cron)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;sessions;help;sweep'= {
        }
        &'admin-proxy;sessions;help;help'= {
        }
        &'admin-proxy;notifications'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand drain 'Print pending notifications as JSON lines and mark them delivered'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;notifications;drain'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;notifications;help'= {
            cand drain 'Print pending notifications as JSON lines and mark them delivered'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;notifications;help;drain'= {
        }
        &'admin-proxy;notifications;help;help'= {
        }
        &'admin-proxy;users'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand import 'Create or update users from a CSV file (all or nothing)'
            cand list 'List every user of the org'
            cand protect 'Protect a user: nobody may impersonate them (ends the sessions that do)'
            cand unprotect 'Let a protected user be impersonated again, by the usual rules'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;users;import'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand --dry-run 'Check the file and report what would change, without writing'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;users;list'= {
            cand --search 'Only users whose name or email contains TEXT (any case, any script)'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;users;protect'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;users;unprotect'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;users;help'= {
            cand import 'Create or update users from a CSV file (all or nothing)'
            cand list 'List every user of the org'
            cand protect 'Protect a user: nobody may impersonate them (ends the sessions that do)'
            cand unprotect 'Let a protected user be impersonated again, by the usual rules'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;users;help;import'= {
        }
        &'admin-proxy;users;help;list'= {
        }
        &'admin-proxy;users;help;protect'= {
        }
        &'admin-proxy;users;help;unprotect'= {
        }
        &'admin-proxy;users;help;help'= {
        }
        &'admin-proxy;grant'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand super-admin 'Make a user a super admin'
            cand hr-admin 'Make a user an HR admin over some groups, or the whole org'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;grant;super-admin'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;grant;hr-admin'= {
            cand --scope 'The groups the HR admin may reach (repeat, or separate with '';'')'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand --all-groups 'The HR admin may reach the whole org'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;grant;help'= {
            cand super-admin 'Make a user a super admin'
            cand hr-admin 'Make a user an HR admin over some groups, or the whole org'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;grant;help;super-admin'= {
        }
        &'admin-proxy;grant;help;hr-admin'= {
        }
        &'admin-proxy;grant;help;help'= {
        }
        &'admin-proxy;revoke'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;config'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show every setting of the org'
            cand get 'Print one setting''s value'
            cand set 'Change one setting'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;config;show'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;config;get'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;config;set'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;config;help'= {
            cand show 'Show every setting of the org'
            cand get 'Print one setting''s value'
            cand set 'Change one setting'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;config;help;show'= {
        }
        &'admin-proxy;config;help;get'= {
        }
        &'admin-proxy;config;help;set'= {
        }
        &'admin-proxy;config;help;help'= {
        }
        &'admin-proxy;org'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create an org (operators)'
            cand list 'List orgs (operators see all, others their own)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;org;create'= {
            cand --name 'The org''s display name'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;org;list'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;org;help'= {
            cand create 'Create an org (operators)'
            cand list 'List orgs (operators see all, others their own)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;org;help;create'= {
        }
        &'admin-proxy;org;help;list'= {
        }
        &'admin-proxy;org;help;help'= {
        }
        &'admin-proxy;operator'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an operator (the first needs no actor, later ones an operator)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;operator;add'= {
            cand --role 'The operator''s role'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;operator;help'= {
            cand add 'Add an operator (the first needs no actor, later ones an operator)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;operator;help;add'= {
        }
        &'admin-proxy;operator;help;help'= {
        }
        &'admin-proxy;audit'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand export 'Stream audit rows as CSV (or JSON lines with --format jsonl)'
            cand tail 'Print the rows committed after a seq as JSON lines, and with --follow as they come'
            cand review 'Per admin who held a role in a period: role, grant, sessions, time, denials, approvals'
            cand verify 'Check every row against its hash chain, in the store or in an export'
            cand keygen 'Make an Ed25519 key pair to sign checkpoints (no store, no actor)'
            cand checkpoint 'Print each chain''s head as a signed note, to be kept off the store''s host'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;audit;export'= {
            cand --since 'Rows at or after this time (RFC 3339, or YYYY-MM-DD for midnight UTC)'
            cand --until 'Rows before this time (RFC 3339, or YYYY-MM-DD for midnight UTC)'
            cand --event 'Only this event (repeatable); `impersonation.*` for a family'
            cand --by 'Only rows whose actor is EMAIL'
            cand --target 'Only rows whose target is EMAIL'
            cand --after 'Only rows after this seq (exclusive): resume after the last row already seen'
            cand -o 'Write to FILE (complete or not at all) instead of stdout'
            cand --output 'Write to FILE (complete or not at all) instead of stdout'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand --all-orgs 'Every org''s rows and the vendor''s (operators)'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;audit;tail'= {
            cand --after 'Only rows after this seq (exclusive) [default: every row]'
            cand --event 'Only this event (repeatable); `impersonation.*` for a family'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -f 'Keep printing rows as they are committed, until interrupted'
            cand --follow 'Keep printing rows as they are committed, until interrupted'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;audit;review'= {
            cand --since 'The period''s start (RFC 3339, or YYYY-MM-DD for midnight UTC) [default: the log''s start]'
            cand --until 'The period''s end, exclusive (RFC 3339, or YYYY-MM-DD for midnight UTC) [default: now]'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;audit;verify'= {
            cand --file 'Check this export (JSON lines or CSV, told from its first bytes) instead of the store; needs no store and no actor'
            cand --against 'FILE is a filtered export: check this full export instead, and that every row of FILE is in it, field for field'
            cand --head 'A head kept earlier (repeatable): the chain must still hold row SEQ with hash HASH; ORG empty or (vendor) for the vendor''s chain'
            cand --checkpoint 'Signed checkpoints kept earlier (from `audit checkpoint`): each chain must extend them'
            cand --public-key 'The public key the checkpoints were signed with: the key itself, or its file'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;audit;keygen'= {
            cand --out 'Where to write checkpoint.key and checkpoint.pub [default: $XDG_CONFIG_HOME/admin-proxy, or ~/.config/admin-proxy]'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;audit;checkpoint'= {
            cand --key 'The private key to sign with [default: checkpoint.key in $XDG_CONFIG_HOME/admin-proxy, or ~/.config/admin-proxy]'
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;audit;help'= {
            cand export 'Stream audit rows as CSV (or JSON lines with --format jsonl)'
            cand tail 'Print the rows committed after a seq as JSON lines, and with --follow as they come'
            cand review 'Per admin who held a role in a period: role, grant, sessions, time, denials, approvals'
            cand verify 'Check every row against its hash chain, in the store or in an export'
            cand keygen 'Make an Ed25519 key pair to sign checkpoints (no store, no actor)'
            cand checkpoint 'Print each chain''s head as a signed note, to be kept off the store''s host'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;audit;help;export'= {
        }
        &'admin-proxy;audit;help;tail'= {
        }
        &'admin-proxy;audit;help;review'= {
        }
        &'admin-proxy;audit;help;verify'= {
        }
        &'admin-proxy;audit;help;keygen'= {
        }
        &'admin-proxy;audit;help;checkpoint'= {
        }
        &'admin-proxy;audit;help;help'= {
        }
        &'admin-proxy;init'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand --test-clock 'Create a test-clock store, which honours ADMIN_PROXY_NOW (for tests and replays); a store''s clock is fixed when it is created'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;demo'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;completions'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;man'= {
            cand --db 'The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]'
            cand --org 'The org to work in (may be left out when the store holds exactly one)'
            cand --actor 'Who runs the command: an operator, or a user of the org'
            cand --format 'How to print results: tables for people; json, jsonl or csv for scripts'
            cand -y 'Answer yes to the confirmation prompt (for scripts)'
            cand --yes 'Answer yes to the confirmation prompt (for scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'admin-proxy;help'= {
            cand list 'List the users you may impersonate (`list` alone), or sessions'
            cand start 'Start impersonating a user'
            cand status 'Show whom you are impersonating and the time left'
            cand stop 'End your impersonation session, or a given one'
            cand act 'Record an action taken inside your session'
            cand request 'Ask another super admin''s approval to impersonate a user'
            cand approve 'Approve another admin''s request to impersonate (super admins)'
            cand reject 'Reject another admin''s request to impersonate (super admins)'
            cand sessions 'Housekeeping of sessions, for cron'
            cand notifications 'Deliver the notices owed to impersonated users'
            cand users 'Import, list and protect the users of an org'
            cand grant 'Make a user a super admin or an HR admin'
            cand revoke 'Take a user''s admin role away (back to user)'
            cand config 'Show and change the org''s settings'
            cand org 'Create and list orgs'
            cand operator 'Add vendor operators'
            cand audit 'Export and verify the audit log'
            cand init 'Create the store (safe to run again)'
            cand demo 'Load a sample org and walk through a session'
            cand completions 'Print shell completions'
            cand man 'Print the man page'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'admin-proxy;help;list'= {
            cand users 'The users you may impersonate, by name'
            cand sessions 'Impersonation sessions and how each ended'
            cand requests 'Requests to impersonate and their decisions'
        }
        &'admin-proxy;help;list;users'= {
        }
        &'admin-proxy;help;list;sessions'= {
        }
        &'admin-proxy;help;list;requests'= {
        }
        &'admin-proxy;help;start'= {
        }
        &'admin-proxy;help;status'= {
        }
        &'admin-proxy;help;stop'= {
        }
        &'admin-proxy;help;act'= {
        }
        &'admin-proxy;help;request'= {
        }
        &'admin-proxy;help;approve'= {
        }
        &'admin-proxy;help;reject'= {
        }
        &'admin-proxy;help;sessions'= {
            cand sweep 'End every overdue session and report how many (for cron)'
        }
        &'admin-proxy;help;sessions;sweep'= {
        }
        &'admin-proxy;help;notifications'= {
            cand drain 'Print pending notifications as JSON lines and mark them delivered'
        }
        &'admin-proxy;help;notifications;drain'= {
        }
        &'admin-proxy;help;users'= {
            cand import 'Create or update users from a CSV file (all or nothing)'
            cand list 'List every user of the org'
            cand protect 'Protect a user: nobody may impersonate them (ends the sessions that do)'
            cand unprotect 'Let a protected user be impersonated again, by the usual rules'
        }
        &'admin-proxy;help;users;import'= {
        }
        &'admin-proxy;help;users;list'= {
        }
        &'admin-proxy;help;users;protect'= {
        }
        &'admin-proxy;help;users;unprotect'= {
        }
        &'admin-proxy;help;grant'= {
            cand super-admin 'Make a user a super admin'
            cand hr-admin 'Make a user an HR admin over some groups, or the whole org'
        }
        &'admin-proxy;help;grant;super-admin'= {
        }
        &'admin-proxy;help;grant;hr-admin'= {
        }
        &'admin-proxy;help;revoke'= {
        }
        &'admin-proxy;help;config'= {
            cand show 'Show every setting of the org'
            cand get 'Print one setting''s value'
            cand set 'Change one setting'
        }
        &'admin-proxy;help;config;show'= {
        }
        &'admin-proxy;help;config;get'= {
        }
        &'admin-proxy;help;config;set'= {
        }
        &'admin-proxy;help;org'= {
            cand create 'Create an org (operators)'
            cand list 'List orgs (operators see all, others their own)'
        }
        &'admin-proxy;help;org;create'= {
        }
        &'admin-proxy;help;org;list'= {
        }
        &'admin-proxy;help;operator'= {
            cand add 'Add an operator (the first needs no actor, later ones an operator)'
        }
        &'admin-proxy;help;operator;add'= {
        }
        &'admin-proxy;help;audit'= {
            cand export 'Stream audit rows as CSV (or JSON lines with --format jsonl)'
            cand tail 'Print the rows committed after a seq as JSON lines, and with --follow as they come'
            cand review 'Per admin who held a role in a period: role, grant, sessions, time, denials, approvals'
            cand verify 'Check every row against its hash chain, in the store or in an export'
            cand keygen 'Make an Ed25519 key pair to sign checkpoints (no store, no actor)'
            cand checkpoint 'Print each chain''s head as a signed note, to be kept off the store''s host'
        }
        &'admin-proxy;help;audit;export'= {
        }
        &'admin-proxy;help;audit;tail'= {
        }
        &'admin-proxy;help;audit;review'= {
        }
        &'admin-proxy;help;audit;verify'= {
        }
        &'admin-proxy;help;audit;keygen'= {
        }
        &'admin-proxy;help;audit;checkpoint'= {
        }
        &'admin-proxy;help;init'= {
        }
        &'admin-proxy;help;demo'= {
        }
        &'admin-proxy;help;completions'= {
        }
        &'admin-proxy;help;man'= {
        }
        &'admin-proxy;help;help'= {
        }
    ]
    $completions[$command]
}
