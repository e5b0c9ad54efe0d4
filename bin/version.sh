# Sourced by bin/run, bin/reindex and bin/retag (and bin/service-jar.sh after it): PROJECT_VERSION is the version the build gives every module's
# artifact, read from the root pom (its own <version>, not the Spring Boot parent's), so no script names a literal.
PROJECT_VERSION=$(awk '/<parent>/{p=1} /<\/parent>/{p=0; next} !p && /<version>/{gsub(/.*<version>|<\/version>.*/, ""); print; exit}' pom.xml)
[ -n "$PROJECT_VERSION" ] || { echo "Could not read the project version from pom.xml" >&2; exit 1; }
