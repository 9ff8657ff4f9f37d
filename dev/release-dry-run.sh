#!/usr/bin/env bash
# Release dry run, offline: builds the Maven Central bundle of a release version from this working
# tree (profile release, deployed into a local file repository), signs every artefact with a
# throwaway OpenPGP key, and checks the bundle the way the Central Portal does (signatures verify,
# checksums match, every jar has its pom, sources and javadoc). Nothing is uploaded and nothing in
# this checkout changes. The real upload is ./mvnw -P release,central deploy.
#
#   dev/release-dry-run.sh [VERSION]     (default: the POM version without -SNAPSHOT)
#
# Needs gpg and zip, and the build's plugins in the local Maven repository (any earlier online build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
snapshot="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1)"
version="${1:-${snapshot%-SNAPSHOT}}"
work="$(mktemp -d)"
[ -n "${KEEP_DRY_RUN:-}" ] || trap 'rm -rf "$work"' EXIT

# A copy of the tracked and untracked-but-not-ignored files, with the release version in every POM.
(cd "$root" && git ls-files -co --exclude-standard -z) | (cd "$root" && xargs -0 cp --parents -t "$work")
find "$work" -name pom.xml -exec sed -i "s:<version>$snapshot</version>:<version>$version</version>:" {} +

export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'FlowCoin SDK release dry run <dry-run@invalid>' ed25519 sign never
echo "release dry run of $version in $work (throwaway key $(gpg --list-keys --with-colons | awk -F: '/^fpr/ {print $10; exit}'))"

# Deploy into a file repository: the Maven layout that a Central Portal bundle zips up.
staging="$work/staging"
(cd "$work" && ./mvnw -B -q -P release deploy -DskipTests -DaltDeploymentRepository="dry-run::file://$staging" \
    -Dmaven.repo.local="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}")
# Maven's repository metadata is not part of a bundle.
find "$staging" -name 'maven-metadata*' -delete
(cd "$staging" && zip -q -r "$work/central-bundle.zip" .)
mkdir "$work/bundle" && (cd "$work/bundle" && unzip -q "$work/central-bundle.zip")

fail=0
while IFS= read -r -d '' f; do
  case "$f" in *.asc|*.md5|*.sha1|*.sha256|*.sha512) continue ;; esac
  gpg --batch --quiet --verify "$f.asc" "$f" 2>/dev/null || { echo "BAD SIGNATURE: $f"; fail=1; }
  for algo in md5 sha1; do
    [ "$(${algo}sum < "$f" | cut -d' ' -f1)" = "$(cat "$f.$algo")" ] || { echo "BAD $algo: $f"; fail=1; }
  done
done < <(find "$work/bundle" -type f -print0)
while IFS= read -r -d '' jar; do
  base="${jar%.jar}"
  case "$base" in *-sources|*-javadoc|*-linux-x86_64) continue ;; esac
  for need in "$base.pom" "$base-sources.jar" "$base-javadoc.jar"; do
    [ -f "$need" ] || { echo "MISSING: ${need#"$work/bundle/"}"; fail=1; }
  done
done < <(find "$work/bundle" -name '*.jar' -print0)

(cd "$work/bundle" && find . -type f ! -name '*.md5' ! -name '*.sha1' ! -name '*.asc' | sort | sed 's:^\./:  :')
[ "$fail" = 0 ] && echo "bundle OK: every file signed and checksummed, every jar with pom, sources and javadoc"
exit "$fail"
