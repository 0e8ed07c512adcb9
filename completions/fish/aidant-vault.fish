# fish completion for aidant-vault: commands, their options, domains and document types.
set -l cmds init passwd recover add list get rm verify secret share unshare shares keygen destroy domains types age help
set -l domains identite social sante logement emploi impots energie famille
set -l types cni passeport titre-sejour acte-naissance permis-conduire attestation-caf notification-rsa carte-vitale attestation-droits complementaire-sante bail quittance-loyer attestation-assurance bulletin-salaire contrat-travail attestation-france-travail avis-impot declaration-revenus facture-energie cheque-energie livret-famille jugement rib autre
complete -c aidant-vault -f
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -l home -r -d 'data folder'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -l format -xa 'json ndjson yaml csv table'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -l quiet -d 'no notices'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -l demo -d 'the demo sandbox'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -l reset -d 'empty the demo sandbox'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -l version
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a init -d 'create a vault'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a passwd -d 'change the passphrase'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a recover -d 'new passphrase with the recovery code'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a add -d 'encrypt documents into a domain'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a list -d 'list the documents'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a get -d 'decrypt a document'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a rm -d 'remove a document or a secret'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a verify -d 'check the vault and every object'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a secret -d 'logins and passwords'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a share -d 'share a domain with a helper'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a unshare -d 'stop sharing a domain'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a shares -d 'who sees what until when'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a keygen -d 'make a helper identity'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a destroy -d 'make the vault unreadable for good'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a domains -d 'list the domains'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a types -d 'list the document types'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a age -d 'age plumbing'
complete -c aidant-vault -n "not __fish_seen_subcommand_from $cmds" -a help -d 'usage of a command'
# options every vault command takes
complete -c aidant-vault -n "__fish_seen_subcommand_from init passwd recover add list get rm verify secret share unshare shares destroy" -l vault -r -d 'vault folder'
complete -c aidant-vault -n "__fish_seen_subcommand_from $cmds" -l passphrase-fd -x -d 'read the passphrase from a descriptor'
complete -c aidant-vault -n "__fish_seen_subcommand_from $cmds" -l passphrase-file -r -d 'read the passphrase from a file'
complete -c aidant-vault -n "__fish_seen_subcommand_from passwd add list get rm verify secret share unshare shares destroy" -l identity -r -d 'helper identity file'
complete -c aidant-vault -n "__fish_seen_subcommand_from passwd add list get rm verify secret share unshare shares destroy" -l as-aidant -d 'open as a helper'
complete -c aidant-vault -n "__fish_seen_subcommand_from add list secret share unshare" -l domain -xa "$domains"
complete -c aidant-vault -n "__fish_seen_subcommand_from init" -l owner -x -d 'who the vault belongs to'
complete -c aidant-vault -n "__fish_seen_subcommand_from init recover" -l recovery-sheet -r -d 'write the recovery sheet to print'
complete -c aidant-vault -n "__fish_seen_subcommand_from add" -l title -x
complete -c aidant-vault -n "__fish_seen_subcommand_from add" -l type -xa "$types"
complete -c aidant-vault -n "__fish_seen_subcommand_from add" -l expires -x -d 'expiry date'
complete -c aidant-vault -n "__fish_seen_subcommand_from add age" -F
complete -c aidant-vault -n "__fish_seen_subcommand_from list" -l expiring-within -x -d 'duration'
complete -c aidant-vault -n "__fish_seen_subcommand_from get keygen age" -s o -l output -r -d 'output file'
complete -c aidant-vault -n "__fish_seen_subcommand_from secret" -a 'set get list'
complete -c aidant-vault -n "__fish_seen_subcommand_from secret" -l login -x
complete -c aidant-vault -n "__fish_seen_subcommand_from secret" -l url -x
complete -c aidant-vault -n "__fish_seen_subcommand_from secret" -l password-fd -x
complete -c aidant-vault -n "__fish_seen_subcommand_from secret" -l password-file -r
complete -c aidant-vault -n "__fish_seen_subcommand_from passwd recover" -l new-passphrase-fd -x -d 'read the new passphrase from a descriptor'
complete -c aidant-vault -n "__fish_seen_subcommand_from passwd recover" -l new-passphrase-file -r -d 'read the new passphrase from a file'
complete -c aidant-vault -n "__fish_seen_subcommand_from recover" -l recovery-code-fd -x -d 'read the recovery code from a descriptor'
complete -c aidant-vault -n "__fish_seen_subcommand_from recover" -l recovery-code-file -r -d 'read the recovery code from a file'
complete -c aidant-vault -n "__fish_seen_subcommand_from verify" -l accept -d 'the owner takes the vault as it now is'
complete -c aidant-vault -n "__fish_seen_subcommand_from secret" -l field -xa 'password login url'
complete -c aidant-vault -n "__fish_seen_subcommand_from share unshare" -l with -x -d 'public key (age1...)'
complete -c aidant-vault -n "__fish_seen_subcommand_from share" -l name -x -d 'who the helper is'
complete -c aidant-vault -n "__fish_seen_subcommand_from share" -l until -x -d 'end date'
complete -c aidant-vault -n "__fish_seen_subcommand_from unshare" -l no-rekey -d 'only rewrite the headers'
complete -c aidant-vault -n "__fish_seen_subcommand_from keygen" -l aidant -d 'a helper identity'
complete -c aidant-vault -n "__fish_seen_subcommand_from destroy" -l yes -d 'confirm'
complete -c aidant-vault -n "__fish_seen_subcommand_from age" -a 'encrypt decrypt keygen'
complete -c aidant-vault -n "__fish_seen_subcommand_from age" -s r -l recipient -x -d 'recipient (age1...)'
complete -c aidant-vault -n "__fish_seen_subcommand_from age" -s i -l identity -r -d 'identity file'
complete -c aidant-vault -n "__fish_seen_subcommand_from help" -a "$cmds"
