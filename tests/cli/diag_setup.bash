# Shared set-up of the aidant-diag command tests: a fresh home, a fixed clock, English
# messages, and answers documents of the quick form.

diag_setup() {
	export AIDANT_HOME="$BATS_TEST_TMPDIR/home"
	export TZ=Europe/Paris
	export AIDANT_NOW=2026-11-23T10:00:00+01:00
	export LANG=C.UTF-8 LC_ALL=C.UTF-8
	FIX="$AIDANT_ROOT/tests/cli/fixtures/diag"
}

# The answers of a person who has a phone, no e-mail, and does démarches with help.
diag_answers() { # pseudonym [date]
	printf '{"form":"rapide","usager":"%s","date":"%s","answers":{"appareils":["smartphone"],"connexion":"forfait","email":"non","mots_de_passe":"quelquun","smartphone":["appeler","photo"],"lire_ecrire":"difficile","recherche":"aide","arnaque":"demande","demarches":"avec","apprendre":["email","demarches"]}}\n' \
		"$1" "${2:-2026-11-23}"
}
