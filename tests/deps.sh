#!/bin/sh
# Installs the Debian packages the project needs, if any is missing, and the
# fr_FR.UTF-8 locale the French messages are tested with. No-op otherwise.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ -n "$missing" ]; then
	echo "aidant: installing Debian packages:$missing" >&2
	$sudo apt-get update -qq || exit 69
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2 || exit 69
fi
if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
	echo "aidant: generating the fr_FR.UTF-8 locale" >&2
	if command -v locale-gen >/dev/null 2>&1; then
		$sudo sed -i 's/^# *\(fr_FR.UTF-8 UTF-8\)/\1/' /etc/locale.gen
		grep -q '^fr_FR.UTF-8 UTF-8' /etc/locale.gen || echo 'fr_FR.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
		$sudo locale-gen >/dev/null || exit 69
	fi
fi
exit 0
