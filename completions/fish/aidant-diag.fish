# fish completion for aidant-diag: commands, subcommands, options and their values.
set -l cmds init frameworks forms form run resume record show list compare orient summary rm forget export verify import trust help
complete -c aidant-diag -f
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -l home -r -a '(__fish_complete_directories)' -d 'data folder'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -l format -x -a 'json ndjson yaml csv table' -d 'output format'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -l quiet -d 'no notices'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -l demo -d 'the demonstration sandbox'
complete -c aidant-diag -l help -d usage
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -l version -d version
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a frameworks -d 'list the frameworks'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a forms -d 'list the forms'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a form -d 'check, show or print a form'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a run -d 'ask the questions on the terminal'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a resume -d 'go on with an interrupted run'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a record -d 'store diagnoses from answers'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a show -d 'print a diagnosis'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a list -d 'list the diagnoses'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a compare -d 'progress between two diagnoses'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a orient -d 'the query for aidant-annuaire'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a summary -d 'the summary for the person'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a rm -d 'remove a diagnosis'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a forget -d "erase a person's diagnoses"
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a help -d 'usage of a command'
complete -c aidant-diag -n "__fish_seen_subcommand_from frameworks" -a 'pix digcomp clea'
complete -c aidant-diag -n "__fish_seen_subcommand_from frameworks" -l crosswalk -d 'pairs in the other framework'
complete -c aidant-diag -n "__fish_seen_subcommand_from form" -a 'check show print'
complete -c aidant-diag -n "__fish_seen_subcommand_from form" -l answers-template -d 'an answers document'
complete -c aidant-diag -n "__fish_seen_subcommand_from form summary" -l format -x -a 'json yaml text html' -d format
complete -c aidant-diag -n "__fish_seen_subcommand_from form summary" -s o -l output -r -d 'output file'
complete -c aidant-diag -n "__fish_seen_subcommand_from record run" -l form -x -a 'rapide complet' -d form
complete -c aidant-diag -n "__fish_seen_subcommand_from record" -l from -x -a 'json ndjson yaml' -d 'input format'
complete -c aidant-diag -n "__fish_seen_subcommand_from record run list forget" -l usager -x -d pseudonym
complete -c aidant-diag -n "__fish_seen_subcommand_from record" -F
complete -c aidant-diag -n "__fish_seen_subcommand_from list" -l since -x -d date
complete -c aidant-diag -n "__fish_seen_subcommand_from list" -l format -x -a 'json ndjson yaml csv table' -d format
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a verify -d 'check a portable diagnosis'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a import -d 'add a portable diagnosis'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a trust -d 'the trusted structure keys'
complete -c aidant-diag -n "__fish_seen_subcommand_from verify import" -l pubkey -r -F -d 'public key'
complete -c aidant-diag -n "__fish_seen_subcommand_from verify import trust" -F
complete -c aidant-diag -n "__fish_seen_subcommand_from import" -l usager -x -d pseudonym
complete -c aidant-diag -n "__fish_seen_subcommand_from trust" -a 'add list rm'
complete -c aidant-diag -n "__fish_seen_subcommand_from trust" -l name -x -d name
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a init -d 'create or reuse the structure key'
complete -c aidant-diag -n "not __fish_seen_subcommand_from $cmds" -a export -d 'write the portable diagnosis'
complete -c aidant-diag -n "__fish_seen_subcommand_from init" -l name -x -d 'name of the structure'
complete -c aidant-diag -n "__fish_seen_subcommand_from init" -l siret -x -d 'SIRET number'
complete -c aidant-diag -n "__fish_seen_subcommand_from init export" -l passphrase-fd -x -d 'passphrase from a descriptor'
complete -c aidant-diag -n "__fish_seen_subcommand_from init export" -l passphrase-file -r -F -d 'passphrase from a file'
complete -c aidant-diag -n "__fish_seen_subcommand_from export" -s o -l output -r -F -d 'output file'
