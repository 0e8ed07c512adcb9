# fish completion for aidant-annuaire: commands, their options and the enumerated values.

set -l __aa_cmds import validate search show rm stats stale export hours dedupe unmerge help
# The values of the enumerations, one a line: functions, so that they still exist when
# a completion runs (a "set -l" list is gone by then) and each value stays one candidate.
function __aa_services
    printf '%s\n' 'Aide aux démarches administratives' \
        'Maîtrise des outils numériques du quotidien' \
        'Insertion professionnelle via le numérique' \
        'Utilisation sécurisée du numérique' \
        'Parentalité et éducation avec le numérique' \
        'Loisirs et créations numériques' \
        'Compréhension du monde numérique' \
        'Accès internet et matériel informatique' \
        'Acquisition de matériel informatique à prix solidaire'
end
function __aa_publics
    printf '%s\n' Jeunes Étudiants 'Familles et/ou enfants' Seniors Femmes
end
function __aa_needs
    printf '%s\n' Surdité 'Handicaps moteurs' 'Handicaps mentaux' Illettrisme \
        'Langues étrangères (anglais)' 'Langues étrangères (autres)' 'Déficience visuelle'
end
function __aa_labels
    printf '%s\n' 'Aidants Connect' 'Bibliothèques numérique de référence' 'Certification PIX' \
        'Conseillers numériques' 'Emmaüs Connect' 'France Services' 'Grande école du numérique' \
        'La Croix Rouge' "Point d'accès numérique CAF" 'Promeneurs du net' \
        'Relais numérique (Emmaüs Connect)'
end

complete -c aidant-annuaire -f
# global options
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -l home -r -a '(__fish_complete_directories)' -d 'data folder'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -l format -x -a 'json ndjson yaml csv table' -d 'output format'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -s q -l quiet -d 'no notices on stderr'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -s h -l help -d 'list the commands'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -l version -d 'print the version'

# commands
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a import -d 'validate, normalise and store lists'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a validate -d 'check lists, store nothing'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a search -d 'find places'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a show -d 'print one place'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a rm -d 'remove places'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a stats -d 'count places'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a stale -d 'places not updated for a while'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a export -d 'write the directory'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a hours -d 'evaluate opening_hours'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a dedupe -d 'find and merge duplicates'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a unmerge -d 'undo a merge'
complete -c aidant-annuaire -n "not __fish_seen_subcommand_from $__aa_cmds" -a help -d 'options of a command'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from help" -a "$__aa_cmds"
complete -c aidant-annuaire -n "__fish_seen_subcommand_from $__aa_cmds" -l help -d 'show the options'

# import, validate
complete -c aidant-annuaire -n "__fish_seen_subcommand_from import validate" -F
complete -c aidant-annuaire -n "__fish_seen_subcommand_from import validate" -l map -r -F -d 'column mapping'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from import validate" -l from -x -a 'json ndjson yaml csv' -d 'input format'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from import validate" -l encoding -x -a 'utf-8 cp1252 latin1' -d 'text encoding of the files'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from import" -l source -x -d 'name of the list'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from import" -l dry-run -d 'store nothing'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from import" -l keep-going -d 'store the valid records'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from import" -l rejects -r -F -d 'file for rejected records'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from import" -l replace-source -d 'remove places no longer listed'

# search and export filters
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l query -r -F -d 'query document (JSON or YAML, - for stdin)'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l service -x -a '(__aa_services)' -d 'offers this service'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l public -x -a '(__aa_publics)' -d 'addresses this public'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l prise-en-charge -x -a '(__aa_needs)' -d 'supports this need'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l frais -x -a '(printf "%s\n" Gratuit "Gratuit sous condition" Payant)' -d 'fees'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l label -x -a '(__aa_labels)' -d 'national programme or label'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l commune -x -d 'in this commune'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l code-postal -x -d 'in this postcode'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l near -x -d 'LAT,LON, postcode or commune'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l radius -x -d 'kilometres'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l open-at -x -d 'YYYY-MM-DDTHH:MM'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l open-now -d 'open now'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from search export" -l limit -x -d 'at most n places'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from export" -l format -x -a 'csv json ndjson yaml geojson' -d 'output format'

# stale, hours, dedupe
complete -c aidant-annuaire -n "__fish_seen_subcommand_from stale" -l older-than -x -a '31d 3m 6m 1y' -d 'age of date_maj'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from hours" -l at -x -d 'moment to evaluate'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from hours" -l insee -x -d 'commune code'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from dedupe" -l threshold -x -d 'score from 0 to 100'
complete -c aidant-annuaire -n "__fish_seen_subcommand_from dedupe" -l apply -d 'merge the pairs found'
