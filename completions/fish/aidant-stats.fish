# fish completion for aidant-stats: commands, their options and the values of the fields.
set -l cmds init add import ingest list show rm amend forget purge report export merge mask help
complete -c aidant-stats -f
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -l home -r -a '(__fish_complete_directories)' -d 'data folder'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -l demo -d 'the demo sandbox'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -l format -x -a 'json ndjson yaml csv table' -d 'output format'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -l quiet -d 'no notices'
complete -c aidant-stats -l help -d usage
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -l version -d version
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a init -d 'create the statistics store'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a add -d 'record one accompaniment or workshop'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a import -d 'import records from files'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a ingest -d 'count the mandate journal or the diagnoses'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a list -d 'list the records'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a show -d 'print one record'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a rm -d 'remove records'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a amend -d 'correct fields of a record'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a forget -d 'erase a person from every record'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a purge -d 'anonymise people past retention'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a report -d 'the statistics of a period'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a export -d 'the observatory export'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a merge -d 'add the network files of the structures'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a mask -d 'suppress the small counts of a CSV table'
complete -c aidant-stats -n "not __fish_seen_subcommand_from $cmds" -a help -d 'usage of a command'
complete -c aidant-stats -n "__fish_seen_subcommand_from help" -a "$cmds"
# the fields of add and amend
set -l f "__fish_seen_subcommand_from add amend"
complete -c aidant-stats -n $f -l id -x -d 'record id'
complete -c aidant-stats -n $f -l type -x -a 'individuel collectif' -d type
complete -c aidant-stats -n $f -l date -x -d date
complete -c aidant-stats -n $f -l duree -x -a '15 30 45 60 90 120' -d minutes
complete -c aidant-stats -n $f -l duree-tranche -x -a 'moins_de_30_min 30_min_a_1_h 1_h_a_2_h 2_h_et_plus' -d 'duration bucket'
complete -c aidant-stats -n $f -l type-lieu -x -a 'lieu_activite domicile a_distance autre' -d place
complete -c aidant-stats -n $f -l lieu -x -d 'annuaire id'
complete -c aidant-stats -n $f -l code-insee -x -d 'INSEE code'
complete -c aidant-stats -n $f -l code-postal -x -d postcode
complete -c aidant-stats -n $f -l commune -x -d commune
complete -c aidant-stats -n $f -l materiel -x -a 'ordinateur telephone tablette autre aucun' -d equipment
complete -c aidant-stats -n $f -l thematique -x -a 'diagnostic_numerique prendre_en_main_du_materiel maintenance_de_materiel gere_ses_contenus_numeriques navigation_sur_internet email bureautique reseaux_sociaux sante banque_et_achats_en_ligne entrepreneuriat insertion_professionnelle securite_numerique parentalite scolarite_et_numerique creer_avec_le_numerique culture_numerique intelligence_artificielle aide_aux_demarches_administratives papiers_elections_citoyennete famille_scolarite social_sante travail_formation logement transports_mobilite argent_impots justice etrangers_europe loisirs_sports_culture associations' -d thématique
complete -c aidant-stats -n $f -l precisions-demarche -x -d procedure
complete -c aidant-stats -n $f -l autonomie -x -a 'entierement_accompagne partiellement_autonome autonome' -d autonomy
complete -c aidant-stats -n $f -l oriente-vers-structure -x -a 'yes no' -d referred
complete -c aidant-stats -n $f -l structure-de-redirection -x -a 'administration mediation_numerique operateur_ou_organisme_en_charge aide_sociale insertion_professionnelle aide_aux_demarches_administratives autre' -d 'referred to'
complete -c aidant-stats -n $f -l titre-atelier -x -d 'workshop title'
complete -c aidant-stats -n $f -l niveau -x -a 'debutant intermediaire avance' -d level
complete -c aidant-stats -n $f -l participants -x -d participants
complete -c aidant-stats -n $f -l usager -x -d pseudonym
complete -c aidant-stats -n $f -l genre -x -a 'masculin feminin non_communique' -d genre
complete -c aidant-stats -n $f -l annee-naissance -x -d 'birth year'
complete -c aidant-stats -n $f -l tranche-age -x -a 'moins_de_douze douze_dix_huit dix_huit_vingt_quatre vingt_cinq_trente_neuf quarante_cinquante_neuf soixante_soixante_neuf soixante_dix_plus non_communique' -d 'age bucket'
complete -c aidant-stats -n $f -l statut-social -x -a 'retraite sans_emploi en_emploi scolarise non_communique' -d status
complete -c aidant-stats -n $f -l commune-usager -x -d 'commune of residence'
# import
complete -c aidant-stats -n "__fish_seen_subcommand_from import" -l dialect -x -a 'native coop cnfs-v1' -d dialect
complete -c aidant-stats -n "__fish_seen_subcommand_from import" -l from -x -a 'json ndjson yaml csv' -d 'input format'
complete -c aidant-stats -n "__fish_seen_subcommand_from import" -l keep-going -d 'store the valid records'
complete -c aidant-stats -n "__fish_seen_subcommand_from import" -l rejects -r -F -d 'rejected rows'
complete -c aidant-stats -n "__fish_seen_subcommand_from import" -l dry-run -d 'store nothing'
complete -c aidant-stats -n "__fish_seen_subcommand_from import" -F
# init, the network
complete -c aidant-stats -n "__fish_seen_subcommand_from init" -l name -x -d 'structure name'
complete -c aidant-stats -n "__fish_seen_subcommand_from init" -l siret -x -d SIRET
complete -c aidant-stats -n "__fish_seen_subcommand_from init" -l unencrypted -d 'key without passphrase'
complete -c aidant-stats -n "__fish_seen_subcommand_from init export" -l passphrase-file -r -F -d 'passphrase file'
complete -c aidant-stats -n "__fish_seen_subcommand_from init export" -l passphrase-fd -x -d 'passphrase descriptor'
complete -c aidant-stats -n "__fish_seen_subcommand_from export" -l for-network -d 'the signed network file'
complete -c aidant-stats -n "__fish_seen_subcommand_from merge" -l pubkey -r -F -d 'trusted key'
complete -c aidant-stats -n "__fish_seen_subcommand_from merge" -l replace -d 'take a month sent again'
complete -c aidant-stats -n "__fish_seen_subcommand_from merge" -F
# ingest
complete -c aidant-stats -n "__fish_seen_subcommand_from ingest; and not __fish_seen_subcommand_from mandate diag" -a 'mandate diag' -d stream
complete -c aidant-stats -n "__fish_seen_subcommand_from mandate diag" -F
# periods and formats
complete -c aidant-stats -n "__fish_seen_subcommand_from list report" -l month -x -a last -d month
complete -c aidant-stats -n "__fish_seen_subcommand_from list report" -l since -x -d 'first day'
complete -c aidant-stats -n "__fish_seen_subcommand_from list report" -l until -x -d 'last day'
complete -c aidant-stats -n "__fish_seen_subcommand_from list show report" -l format -x -a 'json ndjson yaml csv table' -d format
complete -c aidant-stats -n "__fish_seen_subcommand_from list" -l type -x -a 'individuel collectif' -d type
complete -c aidant-stats -n "__fish_seen_subcommand_from list forget" -l usager -x -d pseudonym
complete -c aidant-stats -n "__fish_seen_subcommand_from show" -l versions -d 'previous versions'
complete -c aidant-stats -n "__fish_seen_subcommand_from purge" -l older-than -x -a '12m 6m 1y' -d retention
complete -c aidant-stats -n "__fish_seen_subcommand_from report" -l by -x -a 'month source type type_lieu code_postal code_insee lieu autonomie niveau' -d 'break down by'
complete -c aidant-stats -n "__fish_seen_subcommand_from import" -l encoding -x -a 'utf-8 cp1252 latin1' -d encoding
# export and mask
complete -c aidant-stats -n "__fish_seen_subcommand_from export" -l public -d 'the public export'
complete -c aidant-stats -n "__fish_seen_subcommand_from export" -l month -x -a last -d month
complete -c aidant-stats -n "__fish_seen_subcommand_from export" -l since -x -d 'first day'
complete -c aidant-stats -n "__fish_seen_subcommand_from export" -l until -x -d 'last day'
complete -c aidant-stats -n "__fish_seen_subcommand_from export" -l format -x -a 'csv json xlsx html' -d form
complete -c aidant-stats -n "__fish_seen_subcommand_from export" -l output-dir -r -a '(__fish_complete_directories)' -d folder
complete -c aidant-stats -n "__fish_seen_subcommand_from export mask" -l k -x -d threshold
complete -c aidant-stats -n "__fish_seen_subcommand_from export mask" -s o -l output -r -F -d file
complete -c aidant-stats -n "__fish_seen_subcommand_from mask" -l labels -x -d 'label columns'
complete -c aidant-stats -n "__fish_seen_subcommand_from mask" -l total-col -x -d 'total column'
complete -c aidant-stats -n "__fish_seen_subcommand_from mask" -l group -x -d 'columns of one population'
complete -c aidant-stats -n "__fish_seen_subcommand_from mask" -F
