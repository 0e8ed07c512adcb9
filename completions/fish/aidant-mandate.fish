# fish completion for aidant-mandate: commands, subcommands, options and their values.
set -l cmds init pubkey structure aidant usager create check use revoke renew list show attestation journal checkpoint verify help
set -l demarches papiers famille social travail logement transports argent justice etranger loisirs
complete -c aidant-mandate -f
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -l home -r -a '(__fish_complete_directories)' -d 'data folder'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -l format -x -a 'json ndjson csv table' -d 'output format'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -l quiet -d 'no notices'
complete -c aidant-mandate -l help -d usage
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -l version -d version
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a init -d 'create the structure and its signing key'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a pubkey -d "print the structure's public key"
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a structure -d "show the structure identity or change its address and phone"
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a aidant -d 'manage the helpers'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a usager -d 'manage the people helped'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a create -d 'create a mandate'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a check -d 'may a helper act now'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a use -d 'check and journal an act'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a revoke -d 'revoke a mandate or a démarche'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a renew -d 'replace a mandate by a new one'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a list -d 'list the mandates'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a show -d 'print a mandate'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a attestation -d "print a mandate's attestation"
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a journal -d 'print the journal'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a checkpoint -d 'print the latest signed checkpoint'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a verify -d 'check the journal, its signatures and checkpoints'
complete -c aidant-mandate -n "not __fish_seen_subcommand_from $cmds" -a help -d 'usage of a command'
complete -c aidant-mandate -n "__fish_seen_subcommand_from help" -a "$cmds"
# passphrases
complete -c aidant-mandate -n "__fish_seen_subcommand_from init create revoke renew checkpoint" -l passphrase-fd -x -d 'passphrase from a descriptor'
complete -c aidant-mandate -n "__fish_seen_subcommand_from init create revoke renew checkpoint" -l passphrase-file -r -F -d 'passphrase from a file'
# init
complete -c aidant-mandate -n "__fish_seen_subcommand_from init" -l name -x -d 'name of the structure'
complete -c aidant-mandate -n "__fish_seen_subcommand_from init" -l siret -x -d 'SIRET (14 digits)'
complete -c aidant-mandate -n "__fish_seen_subcommand_from init structure" -l address -x -d 'address printed on attestations'
complete -c aidant-mandate -n "__fish_seen_subcommand_from init structure" -l phone -x -d 'phone printed on attestations'
complete -c aidant-mandate -n "__fish_seen_subcommand_from structure; and not __fish_seen_subcommand_from show set" -a 'show set'
complete -c aidant-mandate -n "__fish_seen_subcommand_from init" -l unencrypted -d 'key without passphrase'
complete -c aidant-mandate -n "__fish_seen_subcommand_from init" -l import-key -r -F -d 'key made by minisign -G'
# aidant and usager
complete -c aidant-mandate -n "__fish_seen_subcommand_from aidant; and not __fish_seen_subcommand_from add list show disable accept-charter" -a 'add list show disable accept-charter'
complete -c aidant-mandate -n "__fish_seen_subcommand_from aidant usager" -l name -x -d name
complete -c aidant-mandate -n "__fish_seen_subcommand_from aidant usager" -l email -x -d e-mail
complete -c aidant-mandate -n "__fish_seen_subcommand_from usager; and not __fish_seen_subcommand_from add list show export forget" -a 'add list show export forget'
complete -c aidant-mandate -n "__fish_seen_subcommand_from usager" -l given -x -d 'given names'
complete -c aidant-mandate -n "__fish_seen_subcommand_from usager" -l family -x -d 'family name'
complete -c aidant-mandate -n "__fish_seen_subcommand_from usager" -l birth -x -d 'birth date'
complete -c aidant-mandate -n "__fish_seen_subcommand_from usager" -l civilite -x -a 'madame monsieur' -d 'how the papers address the person'
complete -c aidant-mandate -n "__fish_seen_subcommand_from usager" -l phone -x -d phone
# mandates and acts
complete -c aidant-mandate -n "__fish_seen_subcommand_from create check use list journal" -l usager -x -d person
complete -c aidant-mandate -n "__fish_seen_subcommand_from create check use renew" -l aidant -x -d helper
complete -c aidant-mandate -n "__fish_seen_subcommand_from create check use revoke" -l demarche -x -a "$demarches" -d démarche
complete -c aidant-mandate -n "__fish_seen_subcommand_from create renew" -l duration -x -a '1d 31d 182d 365d 1m 6m 12m 1y' -d duration
complete -c aidant-mandate -n "__fish_seen_subcommand_from create" -l consent -x -a 'in-person paper' -d 'consent method'
complete -c aidant-mandate -n "__fish_seen_subcommand_from use" -l note -x -d 'what was done'
complete -c aidant-mandate -n "__fish_seen_subcommand_from revoke" -l by -x -a 'usager aidant' -d 'who revokes'
complete -c aidant-mandate -n "__fish_seen_subcommand_from revoke" -l reason -x -d why
complete -c aidant-mandate -n "__fish_seen_subcommand_from list" -l active -d 'in force'
complete -c aidant-mandate -n "__fish_seen_subcommand_from list" -l expired -d 'past their end'
complete -c aidant-mandate -n "__fish_seen_subcommand_from list" -l revoked -d revoked
complete -c aidant-mandate -n "__fish_seen_subcommand_from list" -l expiring-within -x -a '7d 15d 30d 60d' -d 'ending within'
complete -c aidant-mandate -n "__fish_seen_subcommand_from list journal" -l format -x -a 'json ndjson csv table' -d 'output format'
complete -c aidant-mandate -n "__fish_seen_subcommand_from attestation" -l html -d 'HTML form'
complete -c aidant-mandate -n "__fish_seen_subcommand_from attestation" -l easy -d 'easy-to-read version'
complete -c aidant-mandate -n "__fish_seen_subcommand_from attestation checkpoint" -s o -l output -r -F -d 'write file and file.minisig'
complete -c aidant-mandate -n "__fish_seen_subcommand_from journal" -l since -x -d 'from this date'
complete -c aidant-mandate -n "__fish_seen_subcommand_from checkpoint" -l new -d 'sign a checkpoint first'
complete -c aidant-mandate -n "__fish_seen_subcommand_from checkpoint" -l rotate -d 'certify a new journal key'
complete -c aidant-mandate -n "__fish_seen_subcommand_from verify" -l pubkey -r -F -d 'the public key to trust'
complete -c aidant-mandate -n "__fish_seen_subcommand_from verify" -l checkpoint -r -F -d 'also check an exported checkpoint'
complete -c aidant-mandate -n "__fish_seen_subcommand_from verify" -l attestation -r -F -d 'also check an attestation'
